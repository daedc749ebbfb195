import { useEffect, useState } from 'react';
import { NavDrawer, NavDrawerBody, NavDrawerHeader, NavItem, Title3, makeStyles, tokens } from '@fluentui/react-components';
import type { ViewId } from '../../shared/views.ts';
import { EmptyState } from './components/EmptyState.tsx';
import { on } from './ipc/client.ts';
import { useWardenEvents } from './ipc/useWardenEvents.ts';
import { NavigateContext } from './navigation.tsx';
import { VIEWS } from './views/registry.tsx';

const useStyles = makeStyles({
  shell: { display: 'flex', height: '100%', backgroundColor: tokens.colorNeutralBackground2 },
  brand: { padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM}` },
  main: { flex: 1, overflow: 'auto', padding: tokens.spacingHorizontalXXL, backgroundColor: tokens.colorNeutralBackground1 },
});

export function App() {
  const styles = useStyles();
  const [view, setView] = useState<ViewId>('home');
  useEffect(() => on('app.navigate', ({ view: next }) => setView(next)), []);
  useWardenEvents();
  const current = VIEWS.find((v) => v.id === view) ?? VIEWS[0]!;

  return (
    <NavigateContext.Provider value={setView}>
      <div className={styles.shell}>
        <NavDrawer open type="inline" selectedValue={view} onNavItemSelect={(_event, data) => setView(data.value as ViewId)} aria-label="Views">
          <NavDrawerHeader className={styles.brand}>
            <Title3 as="span">Warden</Title3>
          </NavDrawerHeader>
          <NavDrawerBody>
            {VIEWS.map((v) => (
              <NavItem key={v.id} value={v.id} icon={v.icon}>
                {v.label}
              </NavItem>
            ))}
          </NavDrawerBody>
        </NavDrawer>
        <main className={styles.main} aria-labelledby="view-title">
          <h1 id="view-title" style={{ marginTop: 0 }}>
            {current.label}
          </h1>
          {current.component ? (
            <current.component />
          ) : (
            <EmptyState icon={current.icon} title={current.empty.title}>
              {current.empty.body}
            </EmptyState>
          )}
        </main>
      </div>
    </NavigateContext.Provider>
  );
}
