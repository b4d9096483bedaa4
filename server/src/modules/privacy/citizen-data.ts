import type { DB } from '../../db/database.js';
import { notFound } from '../../domain/domain-error.js';

/** The citizen and those merged into them: what is stored about one person. */
export async function citizenRows(db: DB, citizenId: number) {
  const citizen = await db.selectFrom('citizens').selectAll().where('id', '=', citizenId).executeTakeFirst();
  if (!citizen) throw notFound('Citizen');
  const merged = await db.selectFrom('citizens').selectAll().where('merged_into_id', '=', citizenId).orderBy('id').execute();
  return { citizen, merged, ids: [citizen.id, ...merged.map((row) => row.id)] };
}

/** Everything stored about one citizen (GDPR Art. 15), as plain data. */
export async function collectCitizenData(db: DB, citizenId: number) {
  const { citizen, merged, ids } = await citizenRows(db, citizenId);
  const contacts = await db.selectFrom('contact_points').selectAll().where('citizen_id', 'in', ids).orderBy('id').execute();
  const cases = await db
    .selectFrom('cases')
    .leftJoin('categories', 'categories.id', 'cases.category_id')
    .leftJoin('teams', 'teams.id', 'cases.team_id')
    .select([
      'cases.id',
      'cases.reference',
      'cases.subject',
      'cases.status',
      'cases.priority',
      'categories.name as category',
      'teams.name as team',
      'cases.origin_channel',
      'cases.created_at',
      'cases.updated_at',
      'cases.first_response_at',
      'cases.resolved_at',
      'cases.closed_at',
      'cases.merged_into_id',
      'cases.anonymised_at',
    ])
    .where('cases.citizen_id', 'in', ids)
    .orderBy('cases.created_at')
    .orderBy('cases.id')
    .execute();
  const caseIds = cases.map((row) => row.id);
  const interactions =
    caseIds.length === 0
      ? []
      : await db
          .selectFrom('interactions')
          .leftJoin('users', 'users.id', 'interactions.author_id')
          .select([
            'interactions.id',
            'interactions.case_id',
            'interactions.channel',
            'interactions.direction',
            'users.display_name as author',
            'interactions.subject',
            'interactions.text',
            'interactions.occurred_at',
            'interactions.duration_seconds',
            'interactions.delivery_status',
          ])
          .where('interactions.case_id', 'in', caseIds)
          .orderBy('interactions.occurred_at')
          .orderBy('interactions.id')
          .execute();
  // The citizen's answers to the survey after their cases (issue 18), with their own comment.
  const feedback =
    caseIds.length === 0
      ? []
      : await db
          .selectFrom('feedback')
          .select(['case_id', 'solved', 'rating', 'comment', 'source', 'created_at', 'updated_at'])
          .where('case_id', 'in', caseIds)
          .execute();
  const interactionIds = interactions.map((row) => row.id);
  const attachments =
    interactionIds.length === 0
      ? []
      : await db
          .selectFrom('attachments')
          .select(['id', 'interaction_id', 'filename', 'content_type', 'size_bytes', 'created_at'])
          .where('interaction_id', 'in', interactionIds)
          .orderBy('id')
          .execute();
  const auditEvents = await db
    .selectFrom('audit_events')
    .select(['id', 'occurred_at', 'actor_id', 'action', 'entity_type', 'entity_id', 'details'])
    .where((eb) =>
      eb.or([
        eb.and([eb('entity_type', '=', 'citizen'), eb('entity_id', 'in', ids.map(String))]),
        // Reads that showed this person among others (a list, a search, a statistics drill-down): issue 17.
        eb('id', 'in', eb.selectFrom('audit_event_citizens').select('audit_event_id').where('citizen_id', 'in', ids)),
        ...(caseIds.length > 0 ? [eb.and([eb('entity_type', '=', 'case'), eb('entity_id', 'in', caseIds.map(String))])] : []),
        ...(attachments.length > 0
          ? [
              eb.and([
                eb('entity_type', '=', 'attachment'),
                eb(
                  'entity_id',
                  'in',
                  attachments.map((row) => String(row.id)),
                ),
              ]),
            ]
          : []),
      ]),
    )
    .orderBy('id')
    .execute();

  const person = (row: typeof citizen) => ({
    id: row.id,
    givenName: row.given_name,
    familyName: row.family_name,
    displayName: row.display_name,
    birthDate: row.birth_date,
    unverified: row.unverified === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    anonymisedAt: row.anonymised_at,
  });
  return {
    exportedAt: Date.now(),
    citizen: person(citizen),
    mergedCitizens: merged.map(person),
    contacts: contacts.map((row) => ({
      id: row.id,
      kind: row.kind,
      value: row.value,
      isPrimary: row.is_primary === 1,
      createdAt: row.created_at,
    })),
    cases: cases.map((row) => ({
      id: row.id,
      reference: row.reference,
      subject: row.subject,
      status: row.status,
      priority: row.priority,
      category: row.category,
      team: row.team,
      originChannel: row.origin_channel,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      firstResponseAt: row.first_response_at,
      resolvedAt: row.resolved_at,
      closedAt: row.closed_at,
      mergedIntoId: row.merged_into_id,
      anonymisedAt: row.anonymised_at,
      feedback:
        feedback
          .filter((answer) => answer.case_id === row.id)
          .map((answer) => ({
            solved: answer.solved,
            rating: answer.rating,
            comment: answer.comment,
            source: answer.source,
            createdAt: answer.created_at,
            updatedAt: answer.updated_at,
          }))[0] ?? null,
      interactions: interactions
        .filter((interaction) => interaction.case_id === row.id)
        .map((interaction) => ({
          id: interaction.id,
          channel: interaction.channel,
          direction: interaction.direction,
          author: interaction.author,
          subject: interaction.subject,
          text: interaction.text,
          occurredAt: interaction.occurred_at,
          durationSeconds: interaction.duration_seconds,
          deliveryStatus: interaction.delivery_status,
          attachments: attachments
            .filter((attachment) => attachment.interaction_id === interaction.id)
            .map((attachment) => ({
              id: attachment.id,
              filename: attachment.filename,
              contentType: attachment.content_type,
              sizeBytes: attachment.size_bytes,
              createdAt: attachment.created_at,
            })),
        })),
    })),
    auditEvents: auditEvents.map((row) => ({
      id: row.id,
      occurredAt: row.occurred_at,
      actorId: row.actor_id,
      action: row.action,
      entityType: row.entity_type,
      entityId: row.entity_id,
      details: row.details === null ? null : (JSON.parse(row.details) as Record<string, unknown>),
    })),
  };
}

export type CitizenExport = Awaited<ReturnType<typeof collectCitizenData>>;
