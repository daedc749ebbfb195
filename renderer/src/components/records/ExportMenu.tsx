import { Menu, MenuItem, MenuList, MenuPopover, MenuTrigger, MenuButton } from '@fluentui/react-components';
import { ArrowDownload20Regular } from '@fluentui/react-icons';
import type { ExportFormat } from '../../../../shared/model/evidence.ts';

/** Export the current result: CSV of the normalized fields, or JSONL of the records as they came. */
export function ExportMenu({ disabled, onExport }: { disabled: boolean; onExport: (format: ExportFormat) => void }) {
  return (
    <Menu>
      <MenuTrigger disableButtonEnhancement>
        <MenuButton icon={<ArrowDownload20Regular />} disabled={disabled}>
          Export
        </MenuButton>
      </MenuTrigger>
      <MenuPopover>
        <MenuList>
          <MenuItem onClick={() => onExport('csv')}>CSV (normalized fields)</MenuItem>
          <MenuItem onClick={() => onExport('jsonl')}>JSONL (records as collected)</MenuItem>
        </MenuList>
      </MenuPopover>
    </Menu>
  );
}
