import type { ReactNode } from 'react';
import { Body1, Subtitle1, makeStyles, tokens } from '@fluentui/react-components';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'center',
    justifyContent: 'center',
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingVerticalXXXL,
    textAlign: 'center',
    color: tokens.colorNeutralForeground2,
    maxWidth: '560px',
    margin: '0 auto',
  },
  icon: { fontSize: '48px', color: tokens.colorBrandForeground1 },
});

/** What a view shows when it has nothing to show, saying why and what would fill it. */
export function EmptyState(props: { icon: ReactNode; title: string; children: ReactNode }) {
  const styles = useStyles();
  return (
    <div className={styles.root} role="status">
      <span className={styles.icon} aria-hidden>
        {props.icon}
      </span>
      <Subtitle1 as="h2">{props.title}</Subtitle1>
      <Body1>{props.children}</Body1>
    </div>
  );
}
