import { contactPointInput, createCitizenInput } from '@anliegen/shared';
import { Group, TextInput } from '@mantine/core';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { CitizenLookup } from '../../components/domain/citizen-lookup';
import { DateField } from '../../components/ui/date-field';
import { FormDialog } from '../../components/ui/form-dialog';
import { NewButton } from '../../components/ui/new-button';
import { PageHeader } from '../../components/ui/page-header';
import { usePageI18n } from '../../i18n/page-i18n';
import { fieldErrorsOf, type FieldErrors } from '../../lib/validate';
import { useCreateCitizen } from './api';

const route = getRouteApi('/app/citizens/');

/** Find a citizen by name (any spelling), email or phone number (any format), or create one. */
export function CitizensPage() {
  const { t } = usePageI18n();
  const search = route.useSearch();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);

  return (
    <>
      <PageHeader
        title={t('citizens.title')}
        actions={<NewButton label={t('citizens.new')} onClick={() => setCreating(true)} />}
      />
      <CitizenLookup
        initialQuery={search.q ?? ''}
        onQueryChange={(q) => void navigate({ to: '/citizens', search: { q: q || undefined }, replace: true })}
        caption={t('citizens.title')}
      />
      {creating && (
        <NewCitizenDialog
          onClose={() => setCreating(false)}
          onCreated={(id) => void navigate({ to: '/citizens/$id', params: { id } })}
        />
      )}
    </>
  );
}

function NewCitizenDialog({ onClose, onCreated }: { onClose: () => void; onCreated: (id: number) => void }) {
  const { t } = usePageI18n();
  const [values, setValues] = useState({ givenName: '', familyName: '', birthDate: '', email: '', phone: '', address: '' });
  const [errors, setErrors] = useState<FieldErrors>({});
  const create = useCreateCitizen();
  const field = (name: keyof typeof values) => ({
    value: values[name],
    error: errors[name],
    onChange: (event: React.ChangeEvent<HTMLInputElement>) => setValues({ ...values, [name]: event.currentTarget.value }),
  });
  const submit = () => {
    const contacts = (['email', 'phone', 'address'] as const)
      .filter((kind) => values[kind].trim())
      .map((kind) => ({ kind, value: values[kind] }));
    const input = { givenName: values.givenName, familyName: values.familyName, birthDate: values.birthDate, contacts };
    const found = fieldErrorsOf(createCitizenInput, input, t);
    // Each contact's problem is shown at its own field (email, phone, address).
    const contactErrors = Object.fromEntries(
      contacts.flatMap((contact) => {
        const message = fieldErrorsOf(contactPointInput, contact, t)?.value;
        return message ? [[contact.kind, message]] : [];
      }),
    );
    setErrors({ ...(found ?? {}), ...contactErrors });
    if (!found) create.mutate(input, { onSuccess: (result) => onCreated(result.id) });
  };
  return (
    <FormDialog
      title={t('citizens.createTitle')}
      submitLabel={t('common.create')}
      pending={create.isPending}
      error={create.error}
      onSubmit={submit}
      onClose={onClose}
    >
      <Group grow>
        <TextInput label={t('citizens.givenName')} {...field('givenName')} />
        <TextInput label={t('citizens.familyName')} {...field('familyName')} />
      </Group>
      <DateField
        label={t('citizens.birthDate')}
        value={values.birthDate}
        error={errors.birthDate}
        clearable
        onChange={(birthDate) => setValues({ ...values, birthDate })}
      />
      <TextInput label={t('citizens.email')} type="email" {...field('email')} />
      <TextInput label={t('citizens.phone')} type="tel" {...field('phone')} />
      <TextInput label={t('citizens.address')} {...field('address')} />
    </FormDialog>
  );
}
