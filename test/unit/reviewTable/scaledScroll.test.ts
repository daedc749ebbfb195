// The review table's scrollbar over 10 million rows: capped real height, every row reachable, and the
// wheel moving by pixels rather than by the scale.
import { describe, expect, it } from 'vitest';
import { MAX_SCROLL_HEIGHT, ScaledScroll, type ScrollElement } from '../../../renderer/src/components/records/scaledScroll.ts';

type Listener = (event: { deltaY: number; deltaMode: number; ctrlKey: boolean; preventDefault(): void }) => void;

/** A scrolling element as the browser keeps it: scrollTop clamped to the content, events to listeners. */
function fakeElement(clientHeight: number, contentHeight: () => number) {
  const listeners = new Map<string, Listener>();
  let top = 0;
  const element: ScrollElement & { fire(type: 'scroll' | 'wheel', deltaY?: number, deltaMode?: number): boolean } = {
    clientHeight,
    get scrollHeight() {
      return contentHeight();
    },
    get scrollTop() {
      return top;
    },
    set scrollTop(value: number) {
      top = Math.round(Math.max(0, Math.min(value, contentHeight() - clientHeight)));
    },
    addEventListener: (type, listener) => void listeners.set(type, listener),
    removeEventListener: (type) => void listeners.delete(type),
    fire(type, deltaY = 0, deltaMode = 0) {
      let prevented = false;
      listeners.get(type)?.({ deltaY, deltaMode, ctrlKey: false, preventDefault: () => (prevented = true) });
      return prevented;
    },
  };
  return element;
}

const ROW = 32;

describe('ScaledScroll', () => {
  it('keeps plain scrolling below the cap', () => {
    const scroll = new ScaledScroll(ROW);
    scroll.setContentHeight(10_000 * ROW);
    const element = fakeElement(640, () => scroll.scrollHeight);
    scroll.attach(element);
    expect(scroll.scale).toBe(1);
    element.scrollTop = 3200;
    element.fire('scroll');
    expect(scroll.offset).toBe(3200);
    expect(element.fire('wheel', 120)).toBe(false); // the browser scrolls natively
  });

  it('reaches the last of 10 million rows through a capped scrollbar', () => {
    const rows = 10_000_000;
    const scroll = new ScaledScroll(ROW);
    scroll.setContentHeight(rows * ROW);
    const element = fakeElement(640, () => scroll.scrollHeight);
    scroll.attach(element);
    expect(scroll.scrollHeight).toBe(MAX_SCROLL_HEIGHT);
    expect(scroll.scale).toBeGreaterThan(39);
    const offsets: number[] = [];
    scroll.subscribe((offset) => offsets.push(offset));

    // Dragging the thumb to the bottom shows the last rows.
    element.scrollTop = MAX_SCROLL_HEIGHT;
    element.fire('scroll');
    expect(Math.floor((scroll.offset + 640) / ROW)).toBe(rows);
    // Halfway is halfway.
    element.scrollTop = (MAX_SCROLL_HEIGHT - 640) / 2;
    element.fire('scroll');
    expect(Math.abs(scroll.offset / ROW - (rows - 20) / 2)).toBeLessThan(1);
    expect(offsets).toHaveLength(2);
  });

  it('shows the last row at the real bottom even when the element scrolls a few pixels less than expected', () => {
    const rows = 10_000_000;
    const scroll = new ScaledScroll(ROW);
    scroll.setContentHeight(rows * ROW);
    // The browser's content is 6 px shorter than the scaled height (borders, layout rounding).
    const element = fakeElement(640, () => scroll.scrollHeight - 6);
    scroll.attach(element);
    element.scrollTop = MAX_SCROLL_HEIGHT;
    element.fire('scroll');
    expect(Math.floor((scroll.offset + 640) / ROW)).toBe(rows);
  });

  it('moves by the wheel in pixels and lines, not by the scale, and keeps the thumb in step', () => {
    const scroll = new ScaledScroll(ROW);
    scroll.setContentHeight(10_000_000 * ROW);
    const element = fakeElement(640, () => scroll.scrollHeight);
    scroll.attach(element);
    scroll.scrollTo(5_000_000 * ROW);
    expect(element.fire('wheel', 96)).toBe(true); // handled here, not by the browser
    expect(scroll.offset).toBe(5_000_000 * ROW + 96);
    element.fire('wheel', 3, 1); // three lines
    expect(scroll.offset).toBe(5_000_000 * ROW + 96 + 3 * ROW);
    // The scroll event our own scrollTop write causes does not move the offset (scrollTop is rounded).
    const before = scroll.offset;
    element.fire('scroll');
    expect(scroll.offset).toBe(before);
    expect(Math.abs(element.scrollTop - scroll.offset / scroll.scale)).toBeLessThanOrEqual(1);
    // And never past either end.
    element.fire('wheel', -1e12);
    expect(scroll.offset).toBe(0);
  });
});
