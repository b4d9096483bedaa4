import { createCaseInput, PRIORITIES, type Priority } from '@anliegen/shared';
import { NativeSelect, Textarea, TextInput } from '@mantine/core';
import { useSuspenseQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { type Minutes, toSeconds } from '../../components/ui/duration';
import { DurationInput } from '../../components/ui/duration-input';
import { FormDialog } from '../../components/ui/form-dialog';
import { usePageI18n } from '../../i18n/page-i18n';
import { trpc } from '../../lib/trpc';
import { fieldErrorsOf, type FieldErrors } from '../../lib/validate';
import { useCreateCase } from './api';

type Channel = 'email' | 'webform' | 'phone' | 'counter';

/** Open a case for this citizen with their first message as it reached the agent; the case becomes the agent's. */
export function NewCaseDialog({
  citizenId,
  onClose,
  onCreated,
}: {
  citizenId: number;
  onClose: () => void;
  onCreated: (reference: string) => void;
}) {
  const { t } = usePageI18n();
  const categories = useSuspenseQuery(trpc.categories.list.queryOptions()).data;
  const [values, setValues] = useState({
    subject: '',
    categoryId: '',
    priority: 'normal' as Priority,
    channel: 'phone' as Channel,
    text: '',
    minutes: '' as Minutes,
  });
  const [errors, setErrors] = useState<FieldErrors>({});
  const create = useCreateCase();
  const submit = () => {
    const input = {
      citizenId,
      subject: values.subject,
      categoryId: values.categoryId ? Number(values.categoryId) : null,
      priority: values.priority,
      channel: values.channel,
      text: values.text,
      durationSeconds: toSeconds(values.minutes),
    };
    const found = fieldErrorsOf(createCaseInput, input, t);
    setErrors(found ?? {});
    if (!found) create.mutate(input, { onSuccess: (result) => onCreated(result.reference) });
  };
  return (
    <FormDialog
      title={t('newCase.title')}
      submitLabel={t('common.create')}
      pending={create.isPending}
      error={create.error}
      onSubmit={submit}
      onClose={onClose}
      size="lg"
    >
      <TextInput
        label={t('newCase.subject')}
        required
        value={values.subject}
        error={errors.subject}
        onChange={(event) => setValues({ ...values, subject: event.currentTarget.value })}
      />
      <NativeSelect
        label={t('newCase.category')}
        value={values.categoryId}
        data={[
          { value: '', label: t('case.noCategory') },
          ...categories.map((category) => ({ value: String(category.id), label: category.name })),
        ]}
        onChange={(event) => setValues({ ...values, categoryId: event.currentTarget.value })}
      />
      <NativeSelect
        label={t('newCase.priority')}
        value={values.priority}
        data={PRIORITIES.map((priority) => ({ value: priority, label: t(`priority.${priority}`) }))}
        onChange={(event) => setValues({ ...values, priority: event.currentTarget.value as Priority })}
      />
      <NativeSelect
        label={t('newCase.channel')}
        value={values.channel}
        data={(['phone', 'counter', 'email', 'webform'] as const).map((channel) => ({
          value: channel,
          label: t(`channels.${channel}`),
        }))}
        onChange={(event) => setValues({ ...values, channel: event.currentTarget.value as Channel })}
      />
      <Textarea
        label={t('newCase.text')}
        required
        autosize
        minRows={4}
        value={values.text}
        error={errors.text}
        onChange={(event) => setValues({ ...values, text: event.currentTarget.value })}
      />
      {(values.channel === 'phone' || values.channel === 'counter') && (
        <DurationInput w={180} value={values.minutes} onChange={(minutes) => setValues({ ...values, minutes })} />
      )}
    </FormDialog>
  );
}
