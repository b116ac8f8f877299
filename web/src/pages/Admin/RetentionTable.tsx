// Weekly retention by sign-up cohort as a heatmap: a row per cohort (newest first), a column per
// week since sign-up, each cell the share of the cohort active that week, coloured by it. It is a
// real table (caption, header cells), so screen readers read it cell by cell.
import { Box, Flex, Heading, Text } from 'gestalt';
import { averageRetention, type Cohort, cohortRows, percent, shareColors, weekColumns } from './cohorts.ts';

const cell: React.CSSProperties = { padding: '8px 10px', textAlign: 'center', fontSize: 14, minWidth: 56 };
const head: React.CSSProperties = { ...cell, fontWeight: 600, color: '#5f5f5f', background: '#fff' };

const weekOf = (monday: string) =>
  new Date(`${monday}T00:00:00Z`).toLocaleDateString(undefined, {
    month: 'short',
    day: 'numeric',
    timeZone: 'UTC',
  });

export function RetentionTable({ retention }: { retention: Cohort[] }) {
  const rows = cohortRows(retention);
  const columns = weekColumns(retention);
  const average = averageRetention(retention);
  const weeks = Array.from({ length: columns }, (_, week) => week);
  return (
    <Flex direction="column" gap={3}>
      <Flex direction="column" gap={1}>
        <Heading size="400" accessibilityLevel={2}>
          Retention by sign-up week
        </Heading>
        <Text color="subtle">
          Share of each week’s new users who were active 0, 1, 2… weeks after signing up.
        </Text>
      </Flex>
      <Box overflow="scrollX">
        <table style={{ borderCollapse: 'separate', borderSpacing: 2 }} data-test-id="retention-table">
          <caption
            style={{ position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)' }}
          >
            Weekly retention by sign-up cohort
          </caption>
          <thead>
            <tr>
              <th scope="col" style={{ ...head, textAlign: 'left' }}>
                Signed up
              </th>
              <th scope="col" style={head}>
                Users
              </th>
              {weeks.map((week) => (
                <th key={week} scope="col" style={head}>
                  {`Week ${week}`}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.cohortWeek}>
                <th scope="row" style={{ ...head, textAlign: 'left', color: '#111' }}>
                  {`Week of ${weekOf(row.cohortWeek)}`}
                </th>
                <td style={cell}>{row.users.toLocaleString()}</td>
                {weeks.map((week) => {
                  const entry = row.cells[week];
                  if (!entry)
                    return (
                      <td key={week} style={{ ...cell, background: 'transparent' }} aria-label="Not yet" />
                    );
                  const colors = shareColors(entry.share);
                  return (
                    <td
                      key={week}
                      style={{ ...cell, ...colors, borderRadius: 6 }}
                      title={`${entry.active.toLocaleString()} of ${row.users.toLocaleString()} active`}
                    >
                      {percent(entry.share)}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" style={{ ...head, textAlign: 'left' }}>
                All cohorts
              </th>
              <td style={cell}>{retention.reduce((sum, c) => sum + c.users, 0).toLocaleString()}</td>
              {weeks.map((week) => (
                <td key={week} style={{ ...cell, fontWeight: 600 }}>
                  {percent(average[week] ?? null)}
                </td>
              ))}
            </tr>
          </tfoot>
        </table>
      </Box>
    </Flex>
  );
}
