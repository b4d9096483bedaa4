import { createUserInput, ROLES, updateUserInput, type Role } from '@anliegen/shared';
import { Checkbox, Group, NativeSelect, PasswordInput, Switch, TextInput } from '@mantine/core';
import { useState } from 'react';
import { FormDialog } from '../../components/ui/form-dialog';
import { usePageI18n } from '../../i18n/page-i18n';
import type { RouterOutputs } from '../../lib/api-types';
import { fieldErrorsOf, type FieldErrors } from '../../lib/validate';
import { useCreateUser, useUpdateUser } from './api/admin-mutations';

type User = RouterOutputs['users']['list'][number];
type Team = RouterOutputs['teams']['list'][number];

interface Props {
  /** The user to edit, or null to create one. */
  user: User | null;
  teams: Team[];
  onClose: () => void;
  onSaved: (message: string) => void;
}

/** Create or edit a staff account. Input stays in the form when the server rejects it. */
export function UserFormModal({ user, teams, onClose, onSaved }: Props) {
  const { t } = usePageI18n();
  const [values, setValues] = useState({
    email: user?.email ?? '',
    displayName: user?.displayName ?? '',
    password: '',
    role: (user?.role ?? 'agent') as Role,
    teamIds: (user?.teams ?? []).map((team) => String(team.id)),
    active: user?.active ?? true,
  });
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const create = useCreateUser();
  const update = useUpdateUser();
  const mutation = user ? update : create;

  const submit = () => {
    const teamIds = values.teamIds.map(Number);
    if (user) {
      const { displayName, role, active } = values;
      const input = { id: user.id, displayName, role, active, teamIds, password: values.password || undefined };
      const errors = fieldErrorsOf(updateUserInput, input, t);
      setFieldErrors(errors ?? {});
      if (!errors) update.mutate(input, { onSuccess: () => onSaved(t('users.saved')) });
    } else {
      const { email, displayName, password, role } = values;
      const input = { email, displayName, password, role, teamIds };
      const errors = fieldErrorsOf(createUserInput, input, t);
      setFieldErrors(errors ?? {});
      if (!errors) create.mutate(input, { onSuccess: () => onSaved(t('users.created')) });
    }
  };

  return (
    <FormDialog
      title={user ? t('users.editTitle', { name: user.displayName }) : t('users.createTitle')}
      submitLabel={user ? t('common.save') : t('common.create')}
      pending={mutation.isPending}
      error={mutation.error}
      onSubmit={submit}
      onClose={onClose}
      size="lg"
    >
      <TextInput
        label={t('users.email')}
        type="email"
        required
        disabled={Boolean(user)}
        value={values.email}
        error={fieldErrors.email}
        onChange={(event) => setValues({ ...values, email: event.currentTarget.value })}
      />
      <TextInput
        label={t('users.name')}
        required
        value={values.displayName}
        error={fieldErrors.displayName}
        onChange={(event) => setValues({ ...values, displayName: event.currentTarget.value })}
      />
      <PasswordInput
        label={user ? t('users.newPassword') : t('users.password')}
        description={t('users.passwordHint')}
        required={!user}
        autoComplete="new-password"
        value={values.password}
        error={fieldErrors.password}
        onChange={(event) => setValues({ ...values, password: event.currentTarget.value })}
      />
      <NativeSelect
        label={t('users.role')}
        value={values.role}
        data={ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
        error={fieldErrors.role}
        onChange={(event) => setValues({ ...values, role: event.currentTarget.value as Role })}
      />
      <Checkbox.Group
        label={t('users.teams')}
        value={values.teamIds}
        error={fieldErrors.teamIds}
        onChange={(teamIds) => setValues({ ...values, teamIds })}
      >
        <Group mt="xs">
          {teams.map((team) => (
            <Checkbox key={team.id} value={String(team.id)} label={team.name} />
          ))}
        </Group>
      </Checkbox.Group>
      {user && (
        <Switch
          label={t('users.activeSwitch')}
          checked={values.active}
          onChange={(event) => setValues({ ...values, active: event.currentTarget.checked })}
        />
      )}
    </FormDialog>
  );
}
