import {
  auditReferenceOf,
  type AuditReferenceKind,
  AUDIT_ACTION_GROUPS,
  AUDIT_ACTIONS,
  AUDIT_ENTITIES,
  type AuditAction,
  type AuditEntity,
  type AuditFilterInput,
} from '@anliegen/shared';
import { isMessageKey } from '../../i18n/page-i18n';
import type { MessageKey, Translate as TranslateOf } from '../../i18n/i18n';

/** The filters as the server takes them: empty fields left out. */
export function filterOf(search: AuditFilterInput): AuditFilterInput {
  return Object.fromEntries(
    Object.entries(search).filter(([, value]) => value !== undefined && value !== ''),
  ) as AuditFilterInput;
}

/** What a page of events names by kind and id (the server's `names`): references, people's and teams' names. */
export type AuditNames = Record<AuditReferenceKind, Record<number, string>>;

/** The formatters of the viewer's language. */
export interface AuditFormat {
  t: Translate;
  formatNumber: (value: number) => string;
  formatDateTime: (epochMs: number) => string;
}

/** Where the app already names a value of a details key (a status, a channel …): the key's prefix there. */
const VALUE_NAMES: Record<string, string[]> = {
  channel: ['channels'],
  status: ['status'],
  fromStatus: ['status'],
  thenStatus: ['status'],
  priority: ['priority'],
  role: ['roles'],
  view: ['inbox.view', 'audit.value.view'],
  direction: ['direction', 'audit.value.direction'],
  kind: ['contactKind', 'routing.kind'],
  contacts: ['contactKind'],
  assignmentMode: ['assignmentMode'],
  bundesland: ['bundesland'],
  metric: ['impact.metric'],
};

const translated = (t: Translate, key: string, fallback: string) => (isMessageKey(key) ? t(key) : fallback);

function valueText(format: AuditFormat, names: AuditNames, key: string, value: unknown): string {
  const { t } = format;
  if (Array.isArray(value)) return value.length === 0 ? '–' : value.map((item) => valueText(format, names, key, item)).join(', ');
  if (typeof value === 'boolean') return t(value ? 'audit.value.yes' : 'audit.value.no');
  if (value === null || value === undefined) return '–';
  if (typeof value === 'object')
    return describeDetails(format, value as Record<string, unknown>, names)
      .map(pairText)
      .join(', ');
  const kind = auditReferenceOf(key);
  if (kind !== null && typeof value === 'number') {
    const name = names[kind][value];
    if (kind === 'citizen') return name ? t('audit.value.citizen', { id: value, name }) : t('audit.value.number', { id: value });
    return name ?? t('audit.value.number', { id: value });
  }
  if (typeof value === 'number') {
    if (key.endsWith('At') || key === 'since') return format.formatDateTime(value);
    if (key.endsWith('Minutes')) return t('common.minutes', { n: format.formatNumber(value) });
    return format.formatNumber(value);
  }
  const text = String(value);
  for (const prefix of VALUE_NAMES[key] ?? []) {
    const name = `${prefix}.${text}`;
    if (isMessageKey(name)) return t(name);
  }
  return text;
}

const pairText = ({ label, value }: { label: string; value: string }) => `${label}: ${value}`;

/**
 * An event's details for people: each key by its name ("Personen", "Ansicht"), each value as the app shows it
 * elsewhere (statuses, channels and views by name, dates in Berlin time, cases by reference, people by number and
 * name, yes/no); nested filters the same way. An unknown key or value keeps its code.
 */
export function describeDetails(
  format: AuditFormat,
  details: Record<string, unknown> | null,
  names: AuditNames,
): { key: string; label: string; value: string }[] {
  if (!details) return [];
  return Object.entries(details)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => ({
      key,
      label: translated(format.t, `audit.detail.${key}`, key),
      value: valueText(format, names, key, value),
    }));
}

/** The record an event is about, for people: "A-2026-000051", "Nr. 10 (Berta Berg)", "Bürgerbüro", else its number. */
export function entityText(format: AuditFormat, names: AuditNames, type: string, id: string | null): string | null {
  if (id === null) return null;
  const number = /^\d{1,9}$/.test(id) ? Number(id) : null;
  const kind = (Object.keys(names) as AuditReferenceKind[]).find((candidate) => candidate === type);
  if (number === null || kind === undefined) return format.t('audit.value.number', { id });
  const name = names[kind][number];
  if (name === undefined) return format.t('audit.value.number', { id });
  return kind === 'citizen' ? format.t('audit.value.citizen', { id, name }) : name;
}

type Translate = TranslateOf<MessageKey>;

const isAction = (action: string): action is AuditAction => (AUDIT_ACTIONS as readonly string[]).includes(action);
const isEntity = (type: string): type is AuditEntity => (AUDIT_ENTITIES as readonly string[]).includes(type);

/** An action's name for people ("Vorgang angesehen"); an action the catalogue no longer has keeps its code. */
export function actionLabel(t: Translate, action: string): string {
  return isAction(action) ? t(`audit.action.${action}`) : action;
}

export function entityTypeLabel(t: Translate, type: string): string {
  return isEntity(type) ? t(`audit.entityType.${type}`) : type;
}

/**
 * The action filter's choices: all, then per group (as an option group) all of its actions (a prefix such as
 * "case.") and each one. A prefix from the address that is none of these stays choosable, so the select shows what
 * the list is filtered by.
 */
export function actionOptions(t: Translate, current: string | undefined) {
  const groups = AUDIT_ACTION_GROUPS.map((group) => ({
    group: t(`audit.group.${group}`),
    items: [
      { value: `${group}.`, label: t('audit.allOfGroup', { group: t(`audit.group.${group}`) }) },
      ...AUDIT_ACTIONS.filter((action) => action.startsWith(`${group}.`)).map((action) => ({
        value: action,
        label: actionLabel(t, action),
      })),
    ],
  }));
  const known = current === undefined || groups.some((group) => group.items.some((item) => item.value === current));
  return [
    { value: '', label: t('audit.allActions') },
    ...(known ? [] : [{ value: current, label: t('audit.otherAction', { prefix: current }) }]),
    ...groups,
  ];
}

/** The entity types to filter by, with one from the address kept when the catalogue does not know it. */
export function entityOptions(current: string | undefined): string[] {
  return current && !isEntity(current) ? [current, ...AUDIT_ENTITIES] : [...AUDIT_ENTITIES];
}
