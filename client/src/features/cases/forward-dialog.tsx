import { forwardCaseInput } from '@anliegen/shared';
import { Button, NativeSelect, Text, Textarea, TextInput } from '@mantine/core';
import { IconShare3 } from '@tabler/icons-react';
import { useState } from 'react';
import type { TimelineItem } from '../../components/domain/timeline';
import { FormDialog } from '../../components/ui/form-dialog';
import { usePageI18n } from '../../i18n/page-i18n';
import { type FieldErrors, fieldErrorsOf } from '../../lib/validate';
import { useForwardCase, useForwardMessage } from './api/case-mutations';

type FullItem = Exclude<TimelineItem, { restricted: true }>;

/**
 * "Weiterleiten": the case (its contacts with the citizen, no internal notes) or one of its messages (with its
 * attachments) by mail to another office, with a covering note. The office's answer comes back into this case.
 */
function ForwardDialog({
  caseId,
  timeline,
  onClose,
  onSent,
}: {
  caseId: number;
  timeline: readonly TimelineItem[];
  onClose: () => void;
  onSent: () => void;
}) {
  const { t, formatDateTime } = usePageI18n();
  const [values, setValues] = useState({ what: 'case', to: '', note: '' });
  const [errors, setErrors] = useState<FieldErrors>({});
  const forwardCase = useForwardCase();
  const forwardMessage = useForwardMessage();
  const messages = timeline.filter((item): item is FullItem => !item.restricted && item.channel !== 'note');
  const pending = forwardCase.isPending || forwardMessage.isPending;
  const submit = () => {
    const found = fieldErrorsOf(forwardCaseInput, { caseId, to: values.to, note: values.note }, t);
    setErrors(found ?? {});
    if (found) return;
    if (values.what === 'case') forwardCase.mutate({ caseId, to: values.to, note: values.note }, { onSuccess: onSent });
    else forwardMessage.mutate({ interactionId: Number(values.what), to: values.to, note: values.note }, { onSuccess: onSent });
  };
  return (
    <FormDialog
      title={t('forward.title')}
      submitLabel={t('forward.send')}
      pending={pending}
      error={forwardCase.error ?? forwardMessage.error}
      onSubmit={submit}
      onClose={onClose}
      size="lg"
    >
      <Text size="sm">{t('forward.hint')}</Text>
      <NativeSelect
        label={t('forward.what')}
        value={values.what}
        onChange={(event) => setValues({ ...values, what: event.currentTarget.value })}
        data={[
          { value: 'case', label: t('forward.wholeCase') },
          ...messages.map((item) => ({
            value: String(item.id),
            label: `${formatDateTime(item.occurredAt)} · ${t(`channels.${item.channel}`)}, ${t(`direction.${item.direction}`)}${item.subject ? ` · ${item.subject}` : ''}`,
          })),
        ]}
      />
      <TextInput
        label={t('forward.to')}
        description={t('forward.toHint')}
        type="email"
        required
        data-autofocus
        value={values.to}
        error={errors.to}
        onChange={(event) => setValues({ ...values, to: event.currentTarget.value })}
      />
      <Textarea
        label={t('forward.note')}
        autosize
        minRows={3}
        maxRows={10}
        value={values.note}
        error={errors.note}
        onChange={(event) => setValues({ ...values, note: event.currentTarget.value })}
      />
    </FormDialog>
  );
}

/** The case page's "Weiterleiten" button with its dialog; says so once the forward is queued. */
export function ForwardButton({ caseId, timeline }: { caseId: number; timeline: readonly TimelineItem[] }) {
  const { t } = usePageI18n();
  const [open, setOpen] = useState(false);
  const [sent, setSent] = useState(false);
  return (
    <>
      <Button
        variant="default"
        leftSection={<IconShare3 size={18} aria-hidden />}
        aria-haspopup="dialog"
        onClick={() => setOpen(true)}
      >
        {t('forward.open')}
      </Button>
      <span role="status" aria-live="polite" className="visually-hidden">
        {sent ? t('forward.sent') : ''}
      </span>
      {open && (
        <ForwardDialog
          caseId={caseId}
          timeline={timeline}
          onClose={() => setOpen(false)}
          onSent={() => {
            setOpen(false);
            setSent(true);
          }}
        />
      )}
    </>
  );
}
