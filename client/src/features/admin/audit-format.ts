import {
  AUDIT_ACTION_GROUPS,
  AUDIT_ACTIONS,
  AUDIT_ENTITIES,
  type AuditAction,
  type AuditEntity,
  type AuditFilterInput,
} from '@anliegen/shared';
import type { MessageKey, Translate as TranslateOf } from '../../i18n/i18n';

/** The filters as the server takes them: empty fields left out. */
export function filterOf(search: AuditFilterInput): AuditFilterInput {
  return Object.fromEntries(
    Object.entries(search).filter(([, value]) => value !== undefined && value !== ''),
  ) as AuditFilterInput;
}

/** An event's ids and counts as "cases: 2 · caseIds: 4, 9"; "–" without any. */
export function describeDetails(details: Record<string, unknown> | null): string {
  if (!details) return '–';
  return Object.entries(details)
    .map(
      ([key, value]) =>
        `${key}: ${Array.isArray(value) ? value.join(', ') : typeof value === 'object' ? JSON.stringify(value) : String(value)}`,
    )
    .join(' · ');
}

type Translate = TranslateOf<MessageKey>;

const isAction = (action: string): action is AuditAction => (AUDIT_ACTIONS as readonly string[]).includes(action);
const isEntity = (type: string): type is AuditEntity => (AUDIT_ENTITIES as readonly string[]).includes(type);

/** An action's name for people ("Fall angesehen"); an action the catalogue no longer has keeps its code. */
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
