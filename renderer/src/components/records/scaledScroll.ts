/**
 * Browsers cap how tall an element may be (Chromium near 33.5 million px, Firefox near 17.9 million),
 * and ten million 32 px rows need 320 million. So the table's scrollbar is a scaled stand-in: the
 * real scroll height stops at MAX_SCROLL_HEIGHT, and a *virtual* offset (in full-size pixels) is kept
 * here. Dragging the scrollbar maps proportionally; the wheel and the keyboard move the virtual
 * offset by real pixels, so a wheel notch still moves three rows, not three thousand.
 *
 * Written here because the virtualizer (@tanstack/react-virtual) has no notion of a capped scroll
 * height; it is fed this offset through its observeElementOffset / scrollToFn options instead.
 * Below the cap the scale is 1 and this is plain native scrolling.
 */
export const MAX_SCROLL_HEIGHT = 8_000_000;

/** What is used of the wheel event (structural, so this file is testable in Node without a DOM). */
interface Wheel {
  deltaY: number;
  /** 0 pixels, 1 lines, 2 pages (WheelEvent.DOM_DELTA_*). */
  deltaMode: number;
  ctrlKey: boolean;
  preventDefault(): void;
}

/** What is used of the scrolling element. */
export interface ScrollElement {
  scrollTop: number;
  readonly clientHeight: number;
  /** The element's real content height (a few pixels can differ from ours: borders, rounding, layout). */
  readonly scrollHeight: number;
  addEventListener(type: 'scroll' | 'wheel', listener: (event: Wheel) => void, options: { passive: boolean }): void;
  removeEventListener(type: 'scroll' | 'wheel', listener: (event: Wheel) => void): void;
}

export class ScaledScroll {
  /** The first visible virtual pixel. */
  offset = 0;
  /** The full virtual height (rows × row height). */
  private contentHeight = 0;
  private element: ScrollElement | null = null;
  private readonly listeners = new Set<(offset: number) => void>();
  /** The scrollTop we just set, so the scroll event it causes is not read as the user's. */
  private expectedScrollTop: number | null = null;
  private readonly lineHeight: number;

  constructor(lineHeight: number) {
    this.lineHeight = lineHeight;
  }

  get viewportHeight(): number {
    return this.element?.clientHeight ?? 0;
  }

  /** The real height the scrolling element's content must have. */
  get scrollHeight(): number {
    return Math.min(this.contentHeight, MAX_SCROLL_HEIGHT);
  }

  /** Virtual pixels per real pixel of scrollTop. */
  get scale(): number {
    const realRange = this.scrollHeight - this.viewportHeight;
    const virtualRange = this.contentHeight - this.viewportHeight;
    return realRange > 0 && virtualRange > realRange ? virtualRange / realRange : 1;
  }

  setContentHeight(height: number): void {
    if (height === this.contentHeight) return;
    this.contentHeight = height;
    if (this.offset > this.maxOffset()) this.scrollTo(this.maxOffset());
  }

  /** Starts following `element`'s scrolling; returns the function that stops it. */
  attach(element: ScrollElement): () => void {
    this.element = element;
    element.addEventListener('scroll', this.onScroll, { passive: true });
    // Not passive: when scaled, the wheel is handled here instead of by the browser.
    element.addEventListener('wheel', this.onWheel, { passive: false });
    return () => {
      element.removeEventListener('scroll', this.onScroll);
      element.removeEventListener('wheel', this.onWheel);
      if (this.element === element) this.element = null;
    };
  }

  subscribe(listener: (offset: number) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  scrollTo(offset: number): void {
    this.offset = Math.max(0, Math.min(offset, this.maxOffset()));
    if (this.element) {
      const top = this.offset / this.scale;
      if (Math.abs(this.element.scrollTop - top) >= 0.5) {
        this.expectedScrollTop = top;
        this.element.scrollTop = top;
      }
    }
    this.notify();
  }

  private maxOffset(): number {
    return Math.max(0, this.contentHeight - this.viewportHeight);
  }

  private notify(): void {
    for (const listener of this.listeners) listener(this.offset);
  }

  private readonly onScroll = (): void => {
    const element = this.element;
    if (!element) return;
    const top = element.scrollTop;
    const expected = this.expectedScrollTop;
    this.expectedScrollTop = null;
    // Our own scrollTo: the offset is already exact (scrollTop is rounded to device pixels).
    if (expected !== null && Math.abs(top - expected) <= 1) return;
    // At the real bottom, show the last row, whatever small difference there is between the element's
    // real scroll range and ours (multiplied by the scale, 6 px were 7,500 rows out of 10,000,000).
    const atBottom = top >= element.scrollHeight - element.clientHeight - 1;
    this.offset = atBottom ? this.maxOffset() : Math.max(0, Math.min(top * this.scale, this.maxOffset()));
    this.notify();
  };

  private readonly onWheel = (event: Wheel): void => {
    if (this.scale === 1 || event.deltaY === 0 || event.ctrlKey) return;
    event.preventDefault();
    const unit = event.deltaMode === 1 ? this.lineHeight : event.deltaMode === 2 ? this.viewportHeight : 1;
    this.scrollTo(this.offset + event.deltaY * unit);
  };
}
