import { useRef } from 'react';
import { Button, makeStyles } from '@fluentui/react-components';
import { DocumentArrowUp20Regular } from '@fluentui/react-icons';
import { importQueue } from './importQueue.ts';

const useStyles = makeStyles({ input: { display: 'none' } });

/** "Import files…": the OS file picker; the chosen files are imported one after another. */
export function ImportFilesButton({ appearance }: { appearance?: 'primary' | 'secondary' }) {
  const styles = useStyles();
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <Button appearance={appearance} icon={<DocumentArrowUp20Regular />} onClick={() => input.current?.click()}>
        Import files…
      </Button>
      <input
        ref={input}
        type="file"
        multiple
        className={styles.input}
        aria-label="Log files to import"
        data-testid="import-file-input"
        onChange={(event) => {
          const files = [...(event.currentTarget.files ?? [])];
          event.currentTarget.value = '';
          if (files.length > 0) importQueue.add(files);
        }}
      />
    </>
  );
}
