import { List, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { FormDialog } from '../../components/ui/form-dialog';
import { usePageI18n } from '../../i18n/page-i18n';
import type { RouterOutputs } from '../../lib/api-types';
import { useEraseCitizen } from './api/admin-mutations';

type Erased = RouterOutputs['privacy']['eraseCitizen'];

/**
 * Art. 17 erasure, irreversible: the admin types the citizen's number to confirm, so a slip of the mouse cannot
 * erase anyone. Escape or Cancel closes without a change; the dialog keeps the focus and returns it on closing.
 */
export function EraseCitizenDialog({
  citizenId,
  label,
  onClose,
  onErased,
}: {
  citizenId: number;
  /** Who is erased, as the page shows them. */
  label: string;
  onClose: () => void;
  onErased: (result: Erased) => void;
}) {
  const { t } = usePageI18n();
  const [typed, setTyped] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const erase = useEraseCitizen();

  const submit = () => {
    const matches = typed.trim() === String(citizenId);
    setMismatch(!matches);
    if (matches) erase.mutate({ citizenId, confirm: true }, { onSuccess: onErased });
  };

  return (
    <FormDialog
      title={t('privacy.erase.title', { citizen: label })}
      submitLabel={t('privacy.erase.submit')}
      danger
      pending={erase.isPending}
      error={erase.error}
      onSubmit={submit}
      onClose={onClose}
    >
      <Text>{t('privacy.erase.what')}</Text>
      <List>
        <List.Item>{t('privacy.erase.cases')}</List.Item>
        <List.Item>{t('privacy.erase.citizen')}</List.Item>
        <List.Item>{t('privacy.erase.audit')}</List.Item>
      </List>
      <Text fw={600}>{t('privacy.irreversible')}</Text>
      <TextInput
        label={t('privacy.erase.confirmLabel', { id: citizenId })}
        value={typed}
        error={mismatch ? t('privacy.erase.mismatch', { id: citizenId }) : undefined}
        autoComplete="off"
        inputMode="numeric"
        onChange={(event) => setTyped(event.currentTarget.value)}
        data-autofocus
      />
    </FormDialog>
  );
}
