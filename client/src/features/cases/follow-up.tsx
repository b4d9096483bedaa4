import { followUpDayRange } from '@anliegen/shared';
import { DateField } from '../../components/ui/date-field';
import { isIsoDay } from '../../components/ui/date-text';
import { usePageI18n } from '../../i18n/page-i18n';
import { followUpDayText, followUpErrorKey } from './follow-up-day';
import { WholeBadge } from '../../components/domain/status-badge';

/*
 * The follow-up date (Wiedervorlage): the case leaves the inbox's views until the chosen day and then comes back to
 * its agent's inbox and bell. It is one of the case's edits (CaseActions), saved with the others, so the version
 * check covers it too.
 */

/** The date field with what it does (and the chosen day with its weekday) said in its description; clearable. */
export function FollowUpField({ value, onChange }: { value: string | null; onChange: (day: string | null) => void }) {
  const { t, locale } = usePageI18n();
  const { first, last } = followUpDayRange(Date.now());
  const error = followUpErrorKey(value);
  return (
    <DateField
      label={t('case.followUp')}
      description={
        <>
          {t('case.followUp.description')}
          {/* The chosen day with its weekday, so nobody picks a Sunday by mistake. */}
          {value && !error && isIsoDay(value) && (
            <>
              <br />
              {t('case.followUp.chosen', { date: followUpDayText(value, locale) })}
            </>
          )}
        </>
      }
      minDate={first}
      maxDate={last}
      clearable
      clearLabel={t('case.followUp.clear')}
      value={value ?? ''}
      error={error ? t(error) : undefined}
      onChange={(day) => onChange(day || null)}
    />
  );
}

/** "Wiedervorlage am 15.01.2027" beside the case's status while it waits for its day. */
export function FollowUpBadge({ followUpAt }: { followUpAt: number | null }) {
  const { t, formatDate } = usePageI18n();
  if (followUpAt === null) return null;
  return (
    <WholeBadge color="gray" variant="outline" title={t('case.followUp.meaning', { status: t('status.waiting_citizen') })}>
      {t('case.followUp.on', { date: formatDate(followUpAt) })}
    </WholeBadge>
  );
}
