import { useState, type FormEvent } from 'react';
import { Button, Card, CardHeader, Checkbox, Dropdown, Field, Input, Option, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useQuery } from '@tanstack/react-query';
import { invoke } from '../../ipc/client.ts';
import { useAccountActions } from './useAccounts.ts';

const CLOUDS = [
  ['global', 'Microsoft 365 (worldwide)'],
  ['usgov', 'US Government GCC High'],
  ['usgovdod', 'US Government DoD'],
  ['china', 'China (21Vianet)'],
] as const;
type Cloud = (typeof CLOUDS)[number][0];

const useStyles = makeStyles({ form: { display: 'grid', gap: tokens.spacingVerticalM, maxWidth: '520px' } });

/** Connect a real tenant: its id, the app registration Warden signs in with, and its cloud. */
export function AddTenantForm() {
  const styles = useStyles();
  const { add } = useAccountActions();
  const [name, setName] = useState('');
  const [tenantId, setTenantId] = useState('');
  const [clientId, setClientId] = useState('');
  const [cloud, setCloud] = useState<Cloud>('global');
  const [useWindowsBroker, setUseWindowsBroker] = useState(false);
  const info = useQuery({ queryKey: ['app.info'], queryFn: () => invoke('app.info', {}) });
  const onWindows = info.data?.platform === 'win32';
  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate(
      { name, tenantId, clientId, cloud, useWindowsBroker: onWindows && useWindowsBroker },
      { onSuccess: () => (setName(''), setTenantId(''), setClientId('')) },
    );
  };
  return (
    <Card>
      <CardHeader
        header={<Text weight="semibold">Connect your tenant</Text>}
        description="Needs an app registration in your tenant; the README lists its permissions."
      />
      <form className={styles.form} onSubmit={submit} aria-label="Connect your tenant">
        <Field label="Profile name" required>
          <Input value={name} onChange={(_, d) => setName(d.value)} placeholder="contoso" />
        </Field>
        <Field label="Tenant ID or domain" required>
          <Input value={tenantId} onChange={(_, d) => setTenantId(d.value)} placeholder="contoso.onmicrosoft.com" />
        </Field>
        <Field label="Application (client) ID" required>
          <Input value={clientId} onChange={(_, d) => setClientId(d.value)} placeholder="00000000-0000-0000-0000-000000000000" />
        </Field>
        <Field label="Cloud">
          <Dropdown value={CLOUDS.find(([id]) => id === cloud)![1]} selectedOptions={[cloud]} onOptionSelect={(_, d) => setCloud(d.optionValue as Cloud)}>
            {CLOUDS.map(([id, label]) => (
              <Option key={id} value={id}>
                {label}
              </Option>
            ))}
          </Dropdown>
        </Field>
        {onWindows && (
          <Checkbox
            checked={useWindowsBroker}
            onChange={(_, d) => setUseWindowsBroker(d.checked === true)}
            label="Sign in with the Windows account broker (WAM) instead of the browser"
          />
        )}
        <Field validationMessage={add.isError ? add.error.message : undefined}>
          <Button type="submit" appearance="primary" disabled={add.isPending || !name || !tenantId || !clientId}>
            Add tenant
          </Button>
        </Field>
      </form>
    </Card>
  );
}
