import { useRef, useState, type DragEvent, type ReactNode } from 'react';
import { Subtitle1, makeStyles, tokens } from '@fluentui/react-components';
import { importQueue } from './importQueue.ts';

const useStyles = makeStyles({
  zone: { position: 'relative' },
  overlay: {
    position: 'absolute',
    inset: 0,
    zIndex: 10,
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'center',
    backgroundColor: tokens.colorNeutralBackgroundAlpha2,
    border: `2px dashed ${tokens.colorBrandStroke1}`,
    borderRadius: tokens.borderRadiusLarge,
    pointerEvents: 'none',
  },
});

const hasFiles = (event: DragEvent) => [...event.dataTransfer.types].includes('Files');

/** Drop log files anywhere on the view to import them. */
export function ImportDropZone({ children }: { children: ReactNode }) {
  const styles = useStyles();
  const [over, setOver] = useState(false);
  // dragenter/dragleave fire for every child crossed; count them to know when the pointer left the zone.
  const depth = useRef(0);
  return (
    <div
      className={styles.zone}
      data-testid="import-drop-zone"
      onDragEnter={(event) => {
        if (!hasFiles(event)) return;
        event.preventDefault();
        depth.current++;
        setOver(true);
      }}
      onDragOver={(event) => {
        if (!hasFiles(event)) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = 'copy';
      }}
      onDragLeave={() => {
        depth.current = Math.max(0, depth.current - 1);
        if (depth.current === 0) setOver(false);
      }}
      onDrop={(event) => {
        if (!hasFiles(event)) return;
        event.preventDefault();
        depth.current = 0;
        setOver(false);
        const files = [...event.dataTransfer.files];
        if (files.length > 0) importQueue.add(files);
      }}
    >
      {children}
      {over && (
        <div className={styles.overlay} aria-hidden>
          <Subtitle1>Drop log files to import them</Subtitle1>
        </div>
      )}
    </div>
  );
}
