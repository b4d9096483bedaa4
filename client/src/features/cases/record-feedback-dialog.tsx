import { FEEDBACK_RATINGS, FEEDBACK_SOLVED, type FeedbackSolved, recordFeedbackInput } from '@anliegen/shared';
import { Group, Radio, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { FormDialog } from '../../components/ui/form-dialog';
import { usePageI18n } from '../../i18n/page-i18n';
import type { RouterOutputs } from '../../lib/api-types';
import { type FieldErrors, fieldErrorsOf } from '../../lib/validate';
import { useRecordFeedback } from './api/feedback';

type Answer = RouterOutputs['cases']['byReference']['survey']['answer'];

/**
 * "Rückmeldung erfassen" (issue 18): what the citizen says at the counter or on the phone, recorded with the agent's
 * name: the same three answers, the rating and the comment as the citizen's own form. Opens with the answer so far.
 */
export function RecordFeedbackDialog({
  caseId,
  answer,
  onClose,
  onSaved,
}: {
  caseId: number;
  answer: Answer;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = usePageI18n();
  const [values, setValues] = useState({
    solved: answer?.solved ?? '',
    rating: answer?.rating ? String(answer.rating) : '',
    comment: answer?.comment ?? '',
  });
  const [errors, setErrors] = useState<FieldErrors>({});
  const record = useRecordFeedback();
  const input = {
    caseId,
    solved: values.solved as FeedbackSolved,
    rating: values.rating ? Number(values.rating) : null,
    comment: values.comment,
  };
  const submit = () => {
    const found = fieldErrorsOf(recordFeedbackInput, input, t);
    setErrors(found ? { ...found, ...(found.solved ? { solved: t('feedback.solvedRequired') } : {}) } : {});
    if (!found) record.mutate(input, { onSuccess: onSaved });
  };
  return (
    <FormDialog
      title={t('feedback.recordTitle')}
      submitLabel={t('feedback.save')}
      pending={record.isPending}
      error={record.error}
      onSubmit={submit}
      onClose={onClose}
    >
      <Text size="sm">{t('feedback.recordHint')}</Text>
      <Radio.Group
        label={t('feedback.question')}
        required
        value={values.solved}
        error={errors.solved}
        onChange={(solved) => setValues({ ...values, solved })}
      >
        <Group mt="xs">
          {FEEDBACK_SOLVED.map((solved, index) => (
            <Radio
              key={solved}
              value={solved}
              label={t(`feedback.solved.${solved}`)}
              data-autofocus={index === 0 || undefined}
              // The group's error alone marks no control: a failed save then focuses the first answer (focus-problem.ts).
              aria-invalid={errors.solved ? true : undefined}
            />
          ))}
        </Group>
      </Radio.Group>
      <Radio.Group
        label={t('feedback.rating')}
        description={t('feedback.ratingHint')}
        value={values.rating}
        error={errors.rating}
        onChange={(rating) => setValues({ ...values, rating })}
      >
        <Group mt="xs">
          <Radio value="" label={t('feedback.noRating')} />
          {FEEDBACK_RATINGS.map((rating) => (
            <Radio key={rating} value={String(rating)} label={String(rating)} />
          ))}
        </Group>
      </Radio.Group>
      <Textarea
        label={t('feedback.comment')}
        description={t('feedback.commentHint')}
        autosize
        minRows={3}
        maxRows={10}
        maxLength={2000}
        value={values.comment}
        error={errors.comment}
        onChange={(event) => setValues({ ...values, comment: event.currentTarget.value })}
      />
    </FormDialog>
  );
}
