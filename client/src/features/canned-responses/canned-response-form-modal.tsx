import { CANNED_PLACEHOLDERS, createCannedResponseInput, updateCannedResponseInput } from '@anliegen/shared';
import { NativeSelect, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import { FormDialog } from '../../components/ui/form-dialog';
import { usePageI18n } from '../../i18n/page-i18n';
import type { RouterOutputs } from '../../lib/api-types';
import { fieldErrorsOf, type FieldErrors } from '../../lib/validate';
import { useCreateCannedResponse, useUpdateCannedResponse } from './api';

type CannedResponse = RouterOutputs['cannedResponses']['list'][number];

interface Props {
  /** The response to edit, or null to create one. */
  response: CannedResponse | null;
  /** The teams the user may choose (admins: all; team leads: their own). */
  teams: { id: number; name: string }[];
  /** Administrators may make a response for every team. */
  allowEveryTeam: boolean;
  onClose: () => void;
  onSaved: (message: string) => void;
}

/** Create or edit a canned response; the placeholders it may use are listed below the text. */
export function CannedResponseFormModal({ response, teams, allowEveryTeam, onClose, onSaved }: Props) {
  const { t } = usePageI18n();
  const [values, setValues] = useState({
    team: response ? String(response.teamId ?? '') : allowEveryTeam ? '' : String(teams[0]?.id ?? ''),
    title: response?.title ?? '',
    body: response?.body ?? '',
  });
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const create = useCreateCannedResponse();
  const update = useUpdateCannedResponse();
  const mutation = response ? update : create;

  const submit = () => {
    const fields = { teamId: values.team === '' ? null : Number(values.team), title: values.title, body: values.body };
    if (response) {
      const input = { id: response.id, ...fields };
      const errors = fieldErrorsOf(updateCannedResponseInput, input, t);
      setFieldErrors(errors ?? {});
      if (!errors) update.mutate(input, { onSuccess: () => onSaved(t('cannedResponses.saved')) });
    } else {
      const errors = fieldErrorsOf(createCannedResponseInput, fields, t);
      setFieldErrors(errors ?? {});
      if (!errors) create.mutate(fields, { onSuccess: () => onSaved(t('cannedResponses.created')) });
    }
  };

  const teamOptions = [
    ...(allowEveryTeam ? [{ value: '', label: t('cannedResponses.allTeams') }] : []),
    ...teams.map((team) => ({ value: String(team.id), label: team.name })),
  ];
  return (
    <FormDialog
      title={response ? t('cannedResponses.editTitle', { title: response.title }) : t('cannedResponses.createTitle')}
      submitLabel={response ? t('common.save') : t('common.create')}
      pending={mutation.isPending}
      error={mutation.error}
      onSubmit={submit}
      onClose={onClose}
      size="lg"
    >
      <NativeSelect
        label={t('cannedResponses.team')}
        required
        value={values.team}
        data={teamOptions}
        error={fieldErrors.teamId}
        onChange={(event) => setValues({ ...values, team: event.currentTarget.value })}
      />
      <TextInput
        label={t('cannedResponses.titleField')}
        required
        value={values.title}
        error={fieldErrors.title}
        onChange={(event) => setValues({ ...values, title: event.currentTarget.value })}
      />
      <Textarea
        label={t('cannedResponses.body')}
        description={t('cannedResponses.placeholderHelp', {
          list: CANNED_PLACEHOLDERS.map(
            (placeholder) => `${placeholder.token} (${t(`cannedResponses.placeholder.${placeholder.value}`)})`,
          ).join(', '),
        })}
        required
        autosize
        minRows={6}
        maxRows={16}
        value={values.body}
        error={fieldErrors.body}
        onChange={(event) => setValues({ ...values, body: event.currentTarget.value })}
      />
    </FormDialog>
  );
}
