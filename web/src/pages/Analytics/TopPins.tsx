// The pins that did best in the range, by the chosen metric: a bar chart, and the pins themselves
// with their pictures and numbers.
import { Box, Flex, Heading, Image, Link, Mask, Text } from 'gestalt';
import { ChartGraph } from 'gestalt-charts';
import { useEffect, useMemo, useState } from 'react';
import { pins as pinsApi } from '../../api/endpoints.ts';
import type { Pin } from '../../api/types.ts';
import { altTextOf, firstImages } from '../../components/pin-image.ts';
import { paths } from '../../paths.ts';
import type { TopPinsAnswer } from './analytics-api.ts';
import { formatMetric, METRIC_LABELS, type Metric, topPinBars } from './series.ts';

function usePins(ids: string[]): Map<string, Pin> {
  const [found, setFound] = useState(new Map<string, Pin>());
  const key = ids.join(',');
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for `ids`
  useEffect(() => {
    let live = true;
    Promise.all(ids.map((id) => pinsApi.get(id).catch(() => null))).then((list) => {
      if (live) setFound(new Map(list.filter((p): p is Pin => p !== null).map((p) => [p.id, p])));
    });
    return () => {
      live = false;
    };
  }, [key]);
  return found;
}

export function TopPins({ top, metric }: { top: TopPinsAnswer; metric: Metric }) {
  const [pattern, setPattern] = useState<'default' | 'visualPattern'>('default');
  const pins = usePins(top.pins.map((p) => p.pin_id));
  const titles = useMemo(
    () => new Map([...pins.values()].map((pin) => [pin.id, pin.title?.trim() || pin.alt_text?.trim() || ''])),
    [pins],
  );
  const bars = useMemo(() => topPinBars(top.pins, titles, metric), [top.pins, titles, metric]);
  const label = METRIC_LABELS[metric];

  if (top.pins.length === 0) {
    return (
      <Flex direction="column" gap={2}>
        <Heading size="400" accessibilityLevel={2}>
          Top pins
        </Heading>
        <Text color="subtle">
          Your best pins by {label.toLowerCase()} show up here once people find them.
        </Text>
      </Flex>
    );
  }
  return (
    <Flex direction="column" gap={4}>
      <Box data-test-id="analytics-top-pins">
        <ChartGraph
          title={`Top pins by ${label.toLowerCase()}`}
          accessibilityLabel={`Bar chart of your top pins by ${label.toLowerCase()}`}
          type="bar"
          layout="horizontal"
          data={bars as never}
          elements={[{ type: 'bar', id: metric, color: '02' }]}
          labelMap={{ [metric]: label }}
          legend="none"
          visualPatternSelected={pattern}
          onVisualPatternChange={() => setPattern((p) => (p === 'default' ? 'visualPattern' : 'default'))}
        />
      </Box>
      <ol
        style={{ listStyle: 'none', margin: 0, padding: 0 }}
        aria-label={`Top pins by ${label.toLowerCase()}`}
      >
        {top.pins.map((entry, index) => {
          const pin = pins.get(entry.pin_id);
          const image = pin ? firstImages(pin)?.['150x150'] : undefined;
          return (
            <li key={entry.pin_id}>
              <Box paddingY={2}>
                <Flex alignItems="center" gap={3}>
                  <Text weight="bold" color="subtle">
                    {index + 1}
                  </Text>
                  <Mask rounding={3} width={56} height={56}>
                    <Box width={56} height={56} color="secondary">
                      {image?.url && pin && (
                        <Image
                          alt={altTextOf(pin)}
                          src={image.url}
                          naturalWidth={150}
                          naturalHeight={150}
                          fit="cover"
                        />
                      )}
                    </Box>
                  </Mask>
                  <Flex.Item flex="grow" minWidth={0}>
                    <Link href={paths.pin(entry.pin_id)}>
                      <Text weight="bold" lineClamp={1}>
                        {pin?.title?.trim() || 'Untitled pin'}
                      </Text>
                    </Link>
                    <Text size="100" color="subtle">
                      {`${formatMetric('IMPRESSION', entry.metrics.IMPRESSION ?? 0)} impressions · ${formatMetric('SAVE', entry.metrics.SAVE ?? 0)} saves · ${formatMetric('PIN_CLICK', entry.metrics.PIN_CLICK ?? 0)} pin clicks`}
                    </Text>
                  </Flex.Item>
                  <Text weight="bold">{`${formatMetric(metric, entry.metrics[metric] ?? 0)} ${label.toLowerCase()}`}</Text>
                </Flex>
              </Box>
            </li>
          );
        })}
      </ol>
    </Flex>
  );
}
