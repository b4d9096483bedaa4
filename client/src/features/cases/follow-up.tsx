import { followUpDayRange } from '@anliegen/shared';
import { Badge, Button, Group, TextInput } from '@mantine/core';
import { usePageI18n } from '../../i18n/page-i18n';
import { followUpDayText, followUpErrorKey } from './follow-up-day';

/*
 * The follow-up date (Wiedervorlage): the case leaves the inbox's views until the chosen day and then comes back to
 * its agent's inbox and bell. It is one of the case's edits (CaseActions), saved with the others, so the version
 * check covers it too.
 */

/** The date field with what it does (and the chosen day) said in its description, and a way to clear it. */
export function FollowUpField({ value, onChange }: { value: string | null; onChange: (day: string | null) => void }) {
  const { t, locale } = usePageI18n();
  const { first, last } = followUpDayRange(Date.now());
  const error = followUpErrorKey(value);
  return (
    <Group align="flex-end" gap="xs">
      <TextInput
        type="date"
        label={t('case.followUp')}
        description={
          <>
            {t('case.followUp.description')}
            {/* The date field shows the browser's format; the day in German (with its weekday) is said here. */}
            {value && !error && (
              <>
                <br />
                {t('case.followUp.chosen', { date: followUpDayText(value, locale) })}
              </>
            )}
          </>
        }
        min={first}
        max={last}
        value={value ?? ''}
        error={error ? t(error) : undefined}
        onChange={(event) => onChange(event.currentTarget.value || null)}
      />
      {value && (
        <Button variant="default" onClick={() => onChange(null)}>
          {t('case.followUp.clear')}
        </Button>
      )}
    </Group>
  );
}

/** "Wiedervorlage am 15.01.2027" beside the case's status while it waits for its day. */
export function FollowUpBadge({ followUpAt }: { followUpAt: number | null }) {
  const { t, formatDate } = usePageI18n();
  if (followUpAt === null) return null;
  return (
    <Badge color="gray" variant="outline" title={t('case.followUp.meaning', { status: t('status.waiting_citizen') })}>
      {t('case.followUp.on', { date: formatDate(followUpAt) })}
    </Badge>
  );
}
