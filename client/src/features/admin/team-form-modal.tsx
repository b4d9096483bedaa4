import { createTeamInput, updateTeamInput } from '@anliegen/shared';
import { TextInput } from '@mantine/core';
import { useState } from 'react';
import { FormDialog } from '../../components/form-dialog';
import { useI18n } from '../../i18n/i18n';
import type { RouterOutputs } from '../../lib/api-types';
import { fieldErrorsOf, type FieldErrors } from '../../lib/validate';
import { useCreateTeam, useUpdateTeam } from './use-admin-mutations';

type Team = RouterOutputs['teams']['list'][number];

export function TeamFormModal({
  team,
  onClose,
  onSaved,
}: {
  team: Team | null;
  onClose: () => void;
  onSaved: (message: string) => void;
}) {
  const { t } = useI18n();
  const [values, setValues] = useState({ name: team?.name ?? '', emailAddress: team?.emailAddress ?? '' });
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const create = useCreateTeam();
  const update = useUpdateTeam();
  const mutation = team ? update : create;

  const submit = () => {
    if (team) {
      const input = { id: team.id, ...values };
      const errors = fieldErrorsOf(updateTeamInput, input, t);
      setFieldErrors(errors ?? {});
      if (!errors) update.mutate(input, { onSuccess: () => onSaved(t('teams.saved')) });
    } else {
      const errors = fieldErrorsOf(createTeamInput, values, t);
      setFieldErrors(errors ?? {});
      if (!errors) create.mutate(values, { onSuccess: () => onSaved(t('teams.created')) });
    }
  };

  return (
    <FormDialog
      title={team ? t('teams.editTitle', { name: team.name }) : t('teams.createTitle')}
      submitLabel={team ? t('common.save') : t('common.create')}
      pending={mutation.isPending}
      error={mutation.error}
      onSubmit={submit}
      onClose={onClose}
    >
      <TextInput
        label={t('teams.name')}
        required
        value={values.name}
        error={fieldErrors.name}
        onChange={(event) => setValues({ ...values, name: event.currentTarget.value })}
      />
      <TextInput
        label={t('teams.emailAddress')}
        type="email"
        value={values.emailAddress}
        error={fieldErrors.emailAddress}
        onChange={(event) => setValues({ ...values, emailAddress: event.currentTarget.value })}
      />
    </FormDialog>
  );
}
