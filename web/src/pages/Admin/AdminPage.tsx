// Core metrics for the people who run this Corkboard (ADMIN_USERNAMES): daily, weekly and monthly
// active users, sign-ups, saves per active user, and weekly retention by sign-up cohort as a
// heatmap. Everyone else gets a plain "not allowed".
import 'gestalt-charts/dist/gestalt-charts.css';
import { Box, Datapoint, Flex, Heading, SegmentedControl, Spinner, Text } from 'gestalt';
import { ChartGraph } from 'gestalt-charts';
import { useEffect, useMemo, useState } from 'react';
import { api } from '../../api/client.ts';
import { ApiError } from '../../api/errors.ts';
import { LoadError, Message } from '../../components/Message.tsx';
import { paths } from '../../paths.ts';
import { dayLabel, rangeOf, sparseDayLabel } from '../Analytics/series.ts';
import { type CoreMetrics, headline, percent } from './cohorts.ts';
import { RetentionTable } from './RetentionTable.tsx';

const RANGES = [30, 90] as const;
const COHORT_WEEKS = 8;

function useCoreMetrics(days: number) {
  const [metrics, setMetrics] = useState<CoreMetrics | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let live = true;
    setError(null);
    api
      .get<CoreMetrics>('/v5/admin/metrics', { ...rangeOf(days, new Date()), cohort_weeks: COHORT_WEEKS })
      .then(
        (loaded) => live && setMetrics(loaded),
        (failure: unknown) => live && setError(failure),
      );
    return () => {
      live = false;
    };
  }, [days]);
  return { metrics, error };
}

function Chart({
  title,
  description,
  data,
  lines,
}: {
  title: string;
  description: string;
  data: { name: number; [key: string]: number }[];
  lines: { id: string; label: string; color: '01' | '02' | '03' | '04' | '05' }[];
}) {
  const [pattern, setPattern] = useState<'default' | 'visualPattern'>('default');
  return (
    <ChartGraph
      title={title}
      description={description}
      accessibilityLabel={`${title}: ${description}`}
      type="line"
      data={data}
      elements={lines.map((line) => ({ type: 'line' as const, id: line.id, color: line.color }))}
      labelMap={Object.fromEntries(lines.map((line) => [line.id, line.label]))}
      tickFormatter={{
        timeseries: (ms: number) => dayLabel(ms),
        xAxisBottom: (ms: number) => sparseDayLabel(ms, data.length),
      }}
      legend={lines.length > 1 ? 'auto' : 'none'}
      visualPatternSelected={pattern}
      onVisualPatternChange={() => setPattern((p) => (p === 'default' ? 'visualPattern' : 'default'))}
    />
  );
}

export default function AdminPage() {
  const [rangeIndex, setRangeIndex] = useState(0);
  const days = RANGES[rangeIndex]!;
  const { metrics, error } = useCoreMetrics(days);
  const series = useMemo(
    () =>
      (metrics?.days ?? []).map((d) => ({
        name: Date.parse(`${d.date}T00:00:00Z`),
        dau: d.dau,
        wau: d.wau,
        mau: d.mau,
        new_users: d.new_users,
        saves_per_user: Math.round(d.saves_per_user * 100) / 100,
      })),
    [metrics],
  );

  if (error instanceof ApiError && error.status === 403) {
    return (
      <Message title="Not allowed" action={{ text: 'Go to your home feed', href: paths.home }}>
        Only the people who run this Corkboard can see its platform metrics.
      </Message>
    );
  }
  if (error) return <LoadError error={error} />;
  if (!metrics) {
    return (
      <Box padding={12}>
        <Spinner show accessibilityLabel="Loading metrics" />
      </Box>
    );
  }
  const top = headline(metrics.days);

  return (
    <Box paddingX={4} paddingY={6} display="flex" justifyContent="center">
      <Box width="100%" maxWidth={1100}>
        <Flex direction="column" gap={6}>
          <Flex justifyContent="between" alignItems="center" wrap gap={4}>
            <Flex direction="column" gap={1}>
              <Heading size="600" accessibilityLevel={1}>
                Core metrics
              </Heading>
              <Text color="subtle">Everyone on this Corkboard, by UTC day.</Text>
            </Flex>
            <Box minWidth={260}>
              <SegmentedControl
                items={RANGES.map((n) => `Last ${n} days`)}
                selectedItemIndex={rangeIndex}
                onChange={({ activeIndex }) => setRangeIndex(activeIndex)}
              />
            </Box>
          </Flex>
          <Flex gap={6} wrap>
            <Datapoint
              size="lg"
              title="Daily active"
              value={top.dau.toLocaleString()}
              tooltipText="People active on the last day"
            />
            <Datapoint
              size="lg"
              title="Weekly active"
              value={top.wau.toLocaleString()}
              tooltipText="People active in the 7 days to the last day"
            />
            <Datapoint
              size="lg"
              title="Monthly active"
              value={top.mau.toLocaleString()}
              tooltipText="People active in the 30 days to the last day"
            />
            <Datapoint size="lg" title="DAU / MAU" value={percent(top.stickiness)} />
            <Datapoint
              size="lg"
              title="New users"
              value={top.newUsers.toLocaleString()}
              tooltipText={`Sign-ups in the last ${days} days`}
            />
            <Datapoint
              size="lg"
              title="Saves per active user"
              value={top.savesPerUser.toLocaleString(undefined, { maximumFractionDigits: 2 })}
              tooltipText="Saves divided by daily active users, over the whole range"
            />
          </Flex>
          <Box data-test-id="admin-active-users">
            <Chart
              title="Active users"
              description={`Daily, weekly and monthly active users, last ${days} days`}
              data={series}
              lines={[
                { id: 'dau', label: 'DAU', color: '01' },
                { id: 'wau', label: 'WAU', color: '02' },
                { id: 'mau', label: 'MAU', color: '03' },
              ]}
            />
          </Box>
          <Box display="block" lgDisplay="flex">
            <Box lgColumn={6} column={12} paddingY={2}>
              <Chart
                title="New users"
                description="Sign-ups per day"
                data={series}
                lines={[{ id: 'new_users', label: 'New users', color: '04' }]}
              />
            </Box>
            <Box lgColumn={6} column={12} paddingY={2}>
              <Chart
                title="Saves per user"
                description="Saves per daily active user"
                data={series}
                lines={[{ id: 'saves_per_user', label: 'Saves per user', color: '05' }]}
              />
            </Box>
          </Box>
          <RetentionTable retention={metrics.retention} />
        </Flex>
      </Box>
    </Box>
  );
}
