import type { StatisticsInput } from '@anliegen/shared';
import { Button, Card, NativeSelect, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { ErrorAlert } from '../../components/ui/error-alert';
import { usePageI18n } from '../../i18n/page-i18n';
import { useFeedbackComments } from './api';
import classes from './feedback-comments.module.css';

/**
 * What citizens wrote in their feedback (issue 18), newest first, for the dashboard's question and optionally one
 * rating: the words (email addresses, phone numbers and the writer's own names replaced by "[…]" on the server),
 * with rating, "gelöst", day, team and topic. Nothing leads to the case: no reference, no name, no link.
 */
export function FeedbackComments({ question }: { question: StatisticsInput }) {
  const { t, formatDate } = usePageI18n();
  const [rating, setRating] = useState('');
  const comments = useFeedbackComments({ question, ...(rating ? { rating: Number(rating) } : {}) });
  const items = comments.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <section aria-labelledby="impact-comments-title">
      <Title order={2} size="h4" id="impact-comments-title">
        {t('impact.comments.title')}
      </Title>
      <Text size="sm" mb="sm" maw="60rem">
        {t('impact.comments.intro')}
      </Text>
      <NativeSelect
        label={t('impact.comments.rating')}
        value={rating}
        w="14rem"
        mb="sm"
        data={[
          { value: '', label: t('impact.comments.allRatings') },
          ...[5, 4, 3, 2, 1].map((n) => ({ value: String(n), label: t('impact.ratingOf', { n }) })),
        ]}
        onChange={(event) => setRating(event.currentTarget.value)}
      />
      <ErrorAlert error={comments.error} />
      {comments.isSuccess && items.length === 0 ? (
        <Text>{t('impact.comments.none')}</Text>
      ) : (
        <Stack gap="xs" component="ul" className={classes.list}>
          {items.map((item, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: comments carry no id (nothing leads to the case); the list only grows at its end
            <Card key={index} withBorder padding="sm" component="li">
              <Text component="blockquote" m={0} className={classes.comment}>
                {item.comment}
              </Text>
              <Text size="sm" c="dimmed" mt={4}>
                {[
                  item.rating === null ? t('impact.comments.noRating') : t('impact.ratingOf', { n: item.rating }),
                  item.solved === null ? null : t(`impact.solved.${item.solved}`),
                  formatDate(item.at),
                  item.teamName ?? t('impact.breakdown.noTeam'),
                  item.categoryName ?? t('impact.breakdown.noCategory'),
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </Text>
            </Card>
          ))}
        </Stack>
      )}
      {comments.hasNextPage && (
        <Button variant="default" mt="sm" loading={comments.isFetchingNextPage} onClick={() => void comments.fetchNextPage()}>
          {t('common.loadMore')}
        </Button>
      )}
    </section>
  );
}
