import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { AnchorLink } from '../../components/ui/anchor-link';
import { IconDownload, IconTrash } from '@tabler/icons-react';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { CitizenLookup } from '../../components/domain/citizen-lookup';
import { ErrorAlert } from '../../components/ui/error-alert';
import { StatusMessage } from '../../components/ui/status-message';
import { usePageI18n } from '../../i18n/page-i18n';
import { downloadText } from '../../lib/download';
import { EraseCitizenDialog } from './erase-citizen-dialog';
import { useExportCitizen } from './api/admin-mutations';

const route = getRouteApi('/app/admin/privacy');

const EXPORT_TYPES = { json: 'application/json;charset=utf-8', html: 'text/html;charset=utf-8' } as const;
type ExportFormat = keyof typeof EXPORT_TYPES;

/** The file of an Art. 15 export: named by the citizen's number and the day, never by the name. */
function exportFileName(citizenId: number, format: ExportFormat, now = new Date()): string {
  return `auskunft-buerger-${citizenId}-${now.toISOString().slice(0, 10)}.${format}`;
}

/**
 * A data subject request: find the citizen (the same lookup the caseworkers use), then export everything stored
 * about them (Art. 15) or erase them (Art. 17). The chosen citizen is in the URL (`?citizen=`).
 */
export function DataSubjectRequest() {
  const { t } = usePageI18n();
  const search = route.useSearch();
  const navigate = useNavigate();
  // The name is known when the citizen was picked from the lookup; a link brings only the number.
  const [pickedName, setPickedName] = useState<{ id: number; name: string } | null>(null);
  const citizenId = search.citizen;

  return (
    <Stack component="section" aria-labelledby="request-heading" gap="sm">
      <Title order={2} size="h3" id="request-heading">
        {t('privacy.request.title')}
      </Title>
      <Text maw="60rem">{t('privacy.request.intro')}</Text>
      <CitizenLookup
        initialQuery={search.q ?? ''}
        onQueryChange={(q) =>
          void navigate({ to: '/admin/privacy', search: (previous) => ({ ...previous, q: q || undefined }), replace: true })
        }
        caption={t('privacy.request.results')}
        onSelect={(citizen) => {
          setPickedName({ id: citizen.id, name: citizen.displayName });
          void navigate({ to: '/admin/privacy', search: (previous) => ({ ...previous, citizen: citizen.id }) });
        }}
      />
      {citizenId !== undefined && (
        <SelectedCitizen key={citizenId} citizenId={citizenId} name={pickedName?.id === citizenId ? pickedName.name : null} />
      )}
    </Stack>
  );
}

function SelectedCitizen({ citizenId, name }: { citizenId: number; name: string | null }) {
  const { t, formatNumber } = usePageI18n();
  const exportCitizen = useExportCitizen();
  const [format, setFormat] = useState<ExportFormat | null>(null);
  const [erasing, setErasing] = useState(false);
  const [erased, setErased] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const number = t('privacy.request.citizenNumber', { id: citizenId });
  // Once erased, the name the lookup showed is gone from the database: the page forgets it too.
  const label = name && !erased ? t('privacy.request.citizenNamed', { name, id: citizenId }) : number;

  const download = (wanted: ExportFormat) => {
    setMessage(null);
    setFormat(wanted);
    exportCitizen.mutate(
      { citizenId },
      {
        onSuccess: (result) => {
          downloadText(exportFileName(citizenId, wanted), result[wanted], EXPORT_TYPES[wanted]);
          setMessage(t('privacy.request.exported', { citizen: label }));
        },
      },
    );
  };

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="selected-heading">
      <Stack gap="sm">
        <Title order={3} size="h4" id="selected-heading">
          {label}
        </Title>
        <Group>
          {(['json', 'html'] as const).map((each) => (
            <Button
              key={each}
              variant="default"
              leftSection={<IconDownload size={16} aria-hidden />}
              loading={exportCitizen.isPending && format === each}
              disabled={exportCitizen.isPending && format !== each}
              onClick={() => download(each)}
            >
              {t(`privacy.request.export.${each}`)}
            </Button>
          ))}
          <Button
            color="red"
            leftSection={<IconTrash size={16} aria-hidden />}
            onClick={() => {
              setMessage(null);
              setErasing(true);
            }}
          >
            {t('privacy.request.erase')}
          </Button>
        </Group>
        {/* Art. 15 (1) c: who received the data; the log filtered by this person answers it, and exports as CSV. */}
        <AnchorLink to="/admin/audit" search={{ citizenId }}>
          {t('privacy.request.whoLooked')}
        </AnchorLink>
        <ErrorAlert error={exportCitizen.error} />
        <StatusMessage message={message} />
      </Stack>
      {erasing && (
        <EraseCitizenDialog
          citizenId={citizenId}
          label={label}
          onClose={() => setErasing(false)}
          onErased={(result) => {
            setErasing(false);
            setErased(true);
            setMessage(
              t('privacy.request.erased', {
                citizen: number,
                cases: formatNumber(result.cases),
                interactions: formatNumber(result.interactions),
                attachments: formatNumber(result.attachments),
                files: formatNumber(result.files),
              }),
            );
          }}
        />
      )}
    </Paper>
  );
}
