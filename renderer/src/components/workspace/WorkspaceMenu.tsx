import { Icon } from '../icons';
import { MenuButton } from '../MenuButton';
import type { WorkspaceDialogKind } from './WorkspaceDialogs';

/** Browser mode's stand-in for Electron's File menu: there are no native dialogs, so paths are typed or picked from the recent list. */
export function WorkspaceMenu({ onAction, onAbout }: { onAction: (kind: WorkspaceDialogKind) => void; onAbout: () => void }) {
  return (
    <MenuButton
      label="Workspace"
      items={[
        { id: 'new', label: 'New workspace…', onSelect: () => onAction('new') },
        { id: 'open', label: 'Open workspace…', onSelect: () => onAction('open') },
        { id: 'saveAs', label: 'Save As…', onSelect: () => onAction('saveAs') },
        { id: 'demo', label: 'Rebuild demo…', onSelect: () => onAction('demo'), separatorBefore: true },
        { id: 'about', label: 'About AI Spend Workbench', onSelect: onAbout, separatorBefore: true },
      ]}
    >
      <Icon name="folder" />
    </MenuButton>
  );
}
