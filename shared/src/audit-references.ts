/**
 * Which details keys of the audit catalogue (audit-catalogue.ts) hold ids of which records, one or a list: the log
 * viewer shows them by name ("Vorgang A-2026-000051", "Nr. 10 (Berta Berg)"), and the citizen keys say whose data an
 * event touched (server/src/modules/audit/audit-subjects.ts).
 */
export const AUDIT_DETAIL_REFERENCES = {
  citizen: ['citizenId', 'citizenIds', 'mergedId', 'senderId', 'redirectedFrom'],
  case: ['relatedCaseId', 'sourceId', 'newCaseId', 'caseIds', 'sourceCaseId'],
  user: ['assigneeId', 'fromAssigneeId', 'actorId'],
  team: ['teamId', 'fromTeamId', 'teamIds'],
  category: ['categoryId'],
} as const;

export type AuditReferenceKind = keyof typeof AUDIT_DETAIL_REFERENCES;

/** The kind of record a details key refers to, if any. */
export function auditReferenceOf(key: string): AuditReferenceKind | null {
  for (const kind of Object.keys(AUDIT_DETAIL_REFERENCES) as AuditReferenceKind[]) {
    if ((AUDIT_DETAIL_REFERENCES[kind] as readonly string[]).includes(key)) return kind;
  }
  return null;
}
