import {
  ASSIGNMENT_MODES,
  type AssignmentMode,
  BUNDESLAENDER,
  type Bundesland,
  createTeamInput,
  DEFAULT_BUSINESS_HOURS,
  openingHoursTextSchema,
  openingHoursToText,
  updateTeamInput,
  OPENING_WEEKDAYS,
  SIGNATURE_PLACEHOLDERS,
} from '@anliegen/shared';
import { Fieldset, NativeSelect, SimpleGrid, Text, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import { FormDialog } from '../../components/ui/form-dialog';
import { usePageI18n } from '../../i18n/page-i18n';
import type { RouterOutputs } from '../../lib/api-types';
import { type FieldErrors, fieldErrorsOf } from '../../lib/validate';
import { useCreateTeam, useUpdateTeam } from './api/admin-mutations';

type Team = RouterOutputs['teams']['list'][number];

const DEFAULT_HOURS_TEXT = JSON.stringify(openingHoursToText(DEFAULT_BUSINESS_HOURS));

export function TeamFormModal({
  team,
  onClose,
  onSaved,
}: {
  team: Team | null;
  onClose: () => void;
  onSaved: (message: string) => void;
}) {
  const { t } = usePageI18n();
  const [values, setValues] = useState({
    name: team?.name ?? '',
    emailAddress: team?.emailAddress ?? '',
    assignmentMode: team?.assignmentMode ?? ('none' as AssignmentMode),
    bundesland: team?.bundesland ?? ('NW' as Bundesland),
    // Empty: no signature (the server stores null).
    emailSignature: team?.emailSignature ?? '',
  });
  // One text field per weekday ("08:00-12:00, 13:00-16:00"), read with the shared parser on submit.
  const [hours, setHours] = useState(openingHoursToText(team?.businessHours ?? DEFAULT_BUSINESS_HOURS));
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [hourErrors, setHourErrors] = useState<FieldErrors>({});
  const create = useCreateTeam();
  const update = useUpdateTeam();
  const mutation = team ? update : create;

  const submit = () => {
    const parsedHours = openingHoursTextSchema.safeParse(hours);
    setHourErrors(fieldErrorsOf(openingHoursTextSchema, hours, t) ?? {});
    // The default week is stored as "default" (null), so a later change of the default reaches the team too.
    const isDefault = parsedHours.success && JSON.stringify(openingHoursToText(parsedHours.data)) === DEFAULT_HOURS_TEXT;
    const businessHours = parsedHours.success && !isDefault ? parsedHours.data : null;
    if (team) {
      const input = { id: team.id, ...values, businessHours };
      const errors = fieldErrorsOf(updateTeamInput, input, t);
      setFieldErrors(errors ?? {});
      if (!errors && parsedHours.success) update.mutate(input, { onSuccess: () => onSaved(t('teams.saved')) });
    } else {
      const input = { ...values, businessHours };
      const errors = fieldErrorsOf(createTeamInput, input, t);
      setFieldErrors(errors ?? {});
      if (!errors && parsedHours.success) create.mutate(input, { onSuccess: () => onSaved(t('teams.created')) });
    }
  };

  const bundeslaender = BUNDESLAENDER.map((code) => ({ value: code, label: t(`bundesland.${code}`) })).sort((a, b) =>
    a.label.localeCompare(b.label, 'de'),
  );

  return (
    <FormDialog
      title={team ? t('teams.editTitle', { name: team.name }) : t('teams.createTitle')}
      submitLabel={team ? t('common.save') : t('common.create')}
      pending={mutation.isPending}
      error={mutation.error}
      onSubmit={submit}
      onClose={onClose}
      size="lg"
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
      <NativeSelect
        label={t('teams.assignmentMode')}
        description={t('teams.assignmentModeHint')}
        value={values.assignmentMode}
        data={ASSIGNMENT_MODES.map((mode) => ({ value: mode, label: t(`assignmentMode.${mode}`) }))}
        error={fieldErrors.assignmentMode}
        onChange={(event) => setValues({ ...values, assignmentMode: event.currentTarget.value as AssignmentMode })}
      />
      <NativeSelect
        label={t('teams.bundesland')}
        description={t('teams.bundeslandHint')}
        value={values.bundesland}
        data={bundeslaender}
        error={fieldErrors.bundesland}
        onChange={(event) => setValues({ ...values, bundesland: event.currentTarget.value as Bundesland })}
      />
      <Textarea
        label={t('teams.signature')}
        description={t('teams.signatureHint', { placeholders: SIGNATURE_PLACEHOLDERS.map((name) => `{${name}}`).join(', ') })}
        autosize
        minRows={3}
        maxRows={10}
        value={values.emailSignature}
        error={fieldErrors.emailSignature}
        onChange={(event) => setValues({ ...values, emailSignature: event.currentTarget.value })}
      />
      <Fieldset
        legend={
          <Text span size="sm" fw={700}>
            {t('teams.openingHours')}
          </Text>
        }
        variant="unstyled"
      >
        <Text size="sm" c="dimmed" mb="xs">
          {t('teams.openingHoursHint')}
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" verticalSpacing="xs">
          {OPENING_WEEKDAYS.map((day) => (
            <TextInput
              key={day}
              label={t(`weekday.${day}`)}
              placeholder={t('teams.closed')}
              value={hours[day]}
              error={hourErrors[day]}
              onChange={(event) => setHours({ ...hours, [day]: event.currentTarget.value })}
            />
          ))}
        </SimpleGrid>
      </Fieldset>
    </FormDialog>
  );
}
