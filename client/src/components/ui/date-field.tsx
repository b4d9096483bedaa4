import '@mantine/dates/styles.css';
import 'dayjs/locale/de';
import { berlinIsoDay, formatIsoDay } from '@anliegen/shared';
import { ActionIcon, CloseButton, Group, Popover, TextInput, type MantineSize } from '@mantine/core';
import { DatePicker, DatesProvider } from '@mantine/dates';
import { IconCalendar } from '@tabler/icons-react';
import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { usePageI18n } from '../../i18n/page-i18n';
import { DAY_FIELD_PATTERN, dayFieldText, FIRST_YEAR, LAST_YEAR, readDayText } from './date-text';

/*
 * The one date field of the app (only lazily loaded pages use it: @mantine/dates and dayjs stay out of the entry).
 * A text field that shows the day in the user's language whatever the browser's ("15.03.2026"), reads what a clerk
 * types ("1.3.2026", "01.03.2026", "01032026"; date-text.ts) and says in words when a typed day does not exist;
 * beside it a button opens Mantine's calendar as a dialog that works with the keyboard (arrows move by day and week,
 * Ctrl+arrows by year, Enter picks, Escape closes; focus returns to the button). The value is the ISO day the server
 * takes ("2026-03-15"), '' for none, or the typed text while it is no day, so a form's schema refuses it.
 */

export interface DateFieldProps {
  label: string;
  /** An ISO day, '' for none (or text the field reported while it was no day). */
  value: string;
  /** Called with an ISO day, '' when emptied, or the trimmed text while it reads as no day. */
  onChange: (value: string) => void;
  error?: ReactNode;
  description?: ReactNode;
  /** The first and last ISO days the calendar offers (typed days outside are the form's to refuse). */
  minDate?: string;
  maxDate?: string;
  /** Optional fields get a button that empties them. */
  clearable?: boolean;
  /** The clear button's name, when "Datum löschen: {label}" does not say it best. */
  clearLabel?: string;
  required?: boolean;
  w?: number | string;
  size?: MantineSize;
  onBlur?: () => void;
  onKeyDown?: (event: KeyboardEvent<HTMLInputElement>) => void;
}

const DAY_ARIA_FORMAT = { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' } as const;

const clamp = (day: string, min: string, max: string) => (day < min ? min : day > max ? max : day);

export function DateField({
  label,
  value,
  onChange,
  error,
  description,
  minDate = `${FIRST_YEAR}-01-01`,
  maxDate = `${LAST_YEAR}-12-31`,
  clearable = false,
  clearLabel,
  required,
  w,
  size,
  onBlur,
  onKeyDown,
}: DateFieldProps) {
  const { t, locale } = usePageI18n();
  const [text, setText] = useState(() => dayFieldText(value, locale));
  const [touched, setTouched] = useState(false);
  const [calendarOpen, setCalendarOpen] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const calendarNameId = useId();
  // What this field last reported: a value from outside (reset, back button) replaces the text.
  const reported = useRef(value);
  useEffect(() => {
    if (value === reported.current) return;
    reported.current = value;
    setText(dayFieldText(value, locale));
    setTouched(false);
  }, [value, locale]);
  // Another language shows the same day in its own format.
  const shownLocale = useRef(locale);
  useEffect(() => {
    if (shownLocale.current === locale) return;
    shownLocale.current = locale;
    setText((current) => {
      const reading = readDayText(current);
      return reading.kind === 'day' ? dayFieldText(reading.day, locale) : current;
    });
  }, [locale]);

  const report = (next: string) => {
    if (next === reported.current) return;
    reported.current = next;
    onChange(next);
  };
  const type = (next: string) => {
    setText(next);
    const reading = readDayText(next);
    report(reading.kind === 'day' ? reading.day : reading.kind === 'empty' ? '' : next.trim());
  };
  const pick = (day: string | null) => {
    setCalendarOpen(false);
    setTouched(false);
    setText(day ? dayFieldText(day, locale) : '');
    report(day ?? '');
  };
  /** Leaving the field (or Enter) says what is wrong and writes a good day in the field's format. */
  const settle = () => {
    setTouched(true);
    const reading = readDayText(text);
    if (reading.kind === 'day') setText(dayFieldText(reading.day, locale));
  };

  const reading = readDayText(text);
  const ownError = !touched
    ? undefined
    : reading.kind === 'impossible'
      ? t('dateField.impossible', { text: text.trim(), first: FIRST_YEAR, last: LAST_YEAR })
      : reading.kind === 'unreadable'
        ? t('dateField.unreadable', { pattern: DAY_FIELD_PATTERN[locale], example: dayFieldText('2026-03-15', locale) })
        : undefined;

  const picked = reading.kind === 'day' ? reading.day : null;
  // The day the calendar opens on and focuses: the chosen one, else today, within what it offers.
  const focusDay = clamp(picked ?? berlinIsoDay(Date.now()), minDate, maxDate);
  const showClear = clearable && text !== '';

  return (
    <TextInput
      ref={inputRef}
      label={label}
      description={description}
      required={required}
      w={w}
      size={size}
      value={text}
      placeholder={DAY_FIELD_PATTERN[locale]}
      autoComplete="off"
      error={ownError ?? error}
      onChange={(event) => type(event.currentTarget.value)}
      onBlur={() => {
        settle();
        onBlur?.();
      }}
      onKeyDown={(event) => {
        if (event.key === 'Enter') settle();
        onKeyDown?.(event);
      }}
      rightSectionWidth={showClear ? 60 : 34}
      rightSectionPointerEvents="all"
      rightSection={
        <Group gap={2} wrap="nowrap">
          {showClear && (
            <CloseButton
              size="sm"
              aria-label={clearLabel ?? t('dateField.clear', { label })}
              onClick={() => {
                pick(null);
                inputRef.current?.focus();
              }}
            />
          )}
          <DatesProvider
            settings={{ locale: locale === 'de' ? 'de' : 'en', firstDayOfWeek: 1, weekendDays: [], consistentWeeks: true }}
          >
            <Popover opened={calendarOpen} onChange={setCalendarOpen} trapFocus returnFocus position="bottom-end" shadow="md">
              <Popover.Target>
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  size="sm"
                  aria-label={t('dateField.openCalendar', { label })}
                  onClick={() => setCalendarOpen((open) => !open)}
                >
                  <IconCalendar size={16} aria-hidden />
                </ActionIcon>
              </Popover.Target>
              {/* Named as a calendar (Mantine names it after its button, "Kalender öffnen", otherwise). */}
              <Popover.Dropdown aria-labelledby={calendarNameId}>
                <span id={calendarNameId} hidden>
                  {t('dateField.calendar', { label })}
                </span>
                <DatePicker
                  value={picked}
                  onChange={pick}
                  defaultDate={focusDay}
                  // Mantine's red weekends and grey days of the next month fail WCAG AA contrast.
                  hideOutsideDates
                  minDate={minDate}
                  maxDate={maxDate}
                  getDayProps={(day) => (day.slice(0, 10) === focusDay ? { 'data-autofocus': true } : {})}
                  getDayAriaLabel={(day) => formatIsoDay(day.slice(0, 10), locale, DAY_ARIA_FORMAT)}
                  ariaLabels={{
                    previousMonth: t('dateField.previousMonth'),
                    nextMonth: t('dateField.nextMonth'),
                    previousYear: t('dateField.previousYear'),
                    nextYear: t('dateField.nextYear'),
                    previousDecade: t('dateField.previousDecade'),
                    nextDecade: t('dateField.nextDecade'),
                    monthLevelControl: t('dateField.chooseMonth'),
                    yearLevelControl: t('dateField.chooseYear'),
                  }}
                />
              </Popover.Dropdown>
            </Popover>
          </DatesProvider>
        </Group>
      }
    />
  );
}
