// Creator analytics: how the signed-in person's pins do — impressions, saves and clicks over time,
// the totals against the period before, and the top pins — as charts first (gestalt-charts), each
// with ChartGraph's own table view for screen readers and keyboard use.
import 'gestalt-charts/dist/gestalt-charts.css';
import { Box, Datapoint, Flex, Heading, SegmentedControl, Spinner, Text } from 'gestalt';
import { ChartGraph } from 'gestalt-charts';
import { useEffect, useMemo, useState } from 'react';
import { LoadError } from '../../components/Message.tsx';
import { analyticsApi, type TopPinsAnswer } from './analytics-api.ts';
import {
  type AnalyticsAnswer,
  changePercent,
  dailySeries,
  dayLabel,
  formatMetric,
  hasActivity,
  METRIC_LABELS,
  METRICS,
  type Metric,
  previousRangeOf,
  RANGES,
  type RangeDays,
  rangeOf,
  sparseDayLabel,
  totalOf,
} from './series.ts';
import { TopPins } from './TopPins.tsx';

const SUMMARY = [...METRICS.filter((m) => m !== 'ENGAGEMENT'), 'ENGAGEMENT_RATE'] as const;

interface Loaded {
  current: AnalyticsAnswer;
  previous: AnalyticsAnswer | null;
  top: TopPinsAnswer;
}

function useAnalytics(days: RangeDays, metric: Metric) {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let live = true;
    const now = new Date();
    const range = rangeOf(days, now);
    const before = previousRangeOf(range, now);
    setError(null);
    Promise.all([
      analyticsApi.account(range),
      before ? analyticsApi.account(before) : Promise.resolve(null),
      analyticsApi.topPins(range, metric),
    ]).then(
      ([current, previous, top]) => live && setLoaded({ current, previous, top }),
      (failure: unknown) => live && setError(failure),
    );
    return () => {
      live = false;
    };
  }, [days, metric]);
  return { loaded, error };
}

function Summary({ loaded }: { loaded: Loaded }) {
  return (
    <Flex gap={6} wrap>
      {SUMMARY.map((metric) => {
        const value = totalOf(loaded.current, metric);
        const change = changePercent(value, loaded.previous ? totalOf(loaded.previous, metric) : undefined);
        return (
          <Box key={metric} minWidth={140} data-test-id={`datapoint-${metric}`}>
            <Datapoint
              size="lg"
              title={METRIC_LABELS[metric]}
              value={formatMetric(metric, value)}
              trend={
                change === undefined
                  ? undefined
                  : {
                      value: change,
                      accessibilityLabel: `${change >= 0 ? 'Up' : 'Down'} ${Math.abs(change)}% from the period before`,
                    }
              }
            />
          </Box>
        );
      })}
    </Flex>
  );
}

function OverTime({ answer, metric, days }: { answer: AnalyticsAnswer; metric: Metric; days: RangeDays }) {
  const [pattern, setPattern] = useState<'default' | 'visualPattern'>('default');
  const data = useMemo(() => dailySeries(answer, [metric]), [answer, metric]);
  return (
    <ChartGraph
      title={`${METRIC_LABELS[metric]} over time`}
      description={`Daily ${METRIC_LABELS[metric].toLowerCase()} on your pins, last ${days} days (UTC)`}
      accessibilityLabel={`Line chart of daily ${METRIC_LABELS[metric].toLowerCase()} over the last ${days} days`}
      type="line"
      data={data}
      elements={[{ type: 'line', id: metric, color: '01' }]}
      labelMap={{ [metric]: METRIC_LABELS[metric] }}
      tickFormatter={{
        timeseries: (ms: number) => dayLabel(ms),
        xAxisBottom: (ms: number) => sparseDayLabel(ms, days),
      }}
      legend="none"
      visualPatternSelected={pattern}
      onVisualPatternChange={() => setPattern((p) => (p === 'default' ? 'visualPattern' : 'default'))}
    />
  );
}

export default function AnalyticsPage() {
  const [rangeIndex, setRangeIndex] = useState(1);
  const [metricIndex, setMetricIndex] = useState(0);
  const days = RANGES[rangeIndex]!;
  const metric = METRICS[metricIndex]!;
  const { loaded, error } = useAnalytics(days, metric);

  return (
    <Box paddingX={4} paddingY={6} display="flex" justifyContent="center">
      <Box width="100%" maxWidth={1100}>
        <Flex direction="column" gap={6}>
          <Flex direction="column" gap={1}>
            <Heading size="600" accessibilityLevel={1}>
              Analytics
            </Heading>
            <Text color="subtle">How people see, save and click your pins.</Text>
          </Flex>
          <Flex gap={4} wrap alignItems="center">
            <Box minWidth={300}>
              <SegmentedControl
                items={RANGES.map((n) => `Last ${n} days`)}
                selectedItemIndex={rangeIndex}
                onChange={({ activeIndex }) => setRangeIndex(activeIndex)}
                size="md"
              />
            </Box>
            <Flex.Item flex="grow">
              <SegmentedControl
                items={METRICS.map((m) => METRIC_LABELS[m])}
                selectedItemIndex={metricIndex}
                onChange={({ activeIndex }) => setMetricIndex(activeIndex)}
                responsive
                size="md"
              />
            </Flex.Item>
          </Flex>
          {error ? (
            <LoadError error={error} />
          ) : !loaded ? (
            <Box padding={12}>
              <Spinner show accessibilityLabel="Loading analytics" />
            </Box>
          ) : (
            <>
              <Summary loaded={loaded} />
              {!hasActivity(loaded.current, METRICS) && (
                <Box color="secondary" rounding={4} padding={4}>
                  <Text>
                    Nothing yet in these days. When people see, save or click your pins, the numbers show up
                    here within a minute.
                  </Text>
                </Box>
              )}
              <Box data-test-id="analytics-over-time">
                <OverTime answer={loaded.current} metric={metric} days={days} />
              </Box>
              <TopPins top={loaded.top} metric={metric} />
            </>
          )}
        </Flex>
      </Box>
    </Box>
  );
}
