import { Box, Group, Stack, Text, Tooltip } from '@mantine/core';

/** One horizontal bar, `percent` of the cell wide (the bars of the report tables). */
export function Bar({ percent, color = 'blue.5' }: { percent: number; color?: string }) {
  return <Box h={10} w={`${Math.max(0, Math.min(100, percent))}%`} bg={color} style={{ borderRadius: 3 }} />;
}

export interface StackedColumn {
  key: string;
  label: string;
  segments: { name: string; value: number; color: string }[];
}

/**
 * Columns of stacked segments (one per period), scaled to the tallest column; each column tells its
 * numbers on hover and to screen readers. No chart library: a few boxes.
 */
export function StackedColumns({ columns, height = 160, legend }: { columns: StackedColumn[]; height?: number; legend: { name: string; color: string }[] }) {
  const max = Math.max(1, ...columns.map((c) => c.segments.reduce((s, x) => s + x.value, 0)));
  return (
    <Stack gap={4}>
      <Group gap={2} align="flex-end" wrap="nowrap" h={height} style={{ overflowX: 'auto' }} data-testid="stacked-columns">
        {columns.map((c) => {
          const text = `${c.label}: ${c.segments.map((s) => `${s.name} ${s.value}`).join(', ')}`;
          return (
            <Tooltip key={c.key} label={text} withinPortal>
              <Stack gap={0} justify="flex-end" h="100%" style={{ flex: '1 0 6px', minWidth: 6, maxWidth: 48 }} aria-label={text} role="img">
                {c.segments.map((s) => (s.value > 0 ? <Box key={s.name} h={`${(s.value / max) * 100}%`} bg={s.color} /> : null))}
              </Stack>
            </Tooltip>
          );
        })}
      </Group>
      <Group justify="space-between" gap={4}>
        <Text size="xs" c="dimmed">{columns[0]?.label ?? ''}</Text>
        <Group gap="sm">
          {legend.map((l) => (
            <Group key={l.name} gap={4}>
              <Box w={10} h={10} bg={l.color} style={{ borderRadius: 2 }} />
              <Text size="xs">{l.name}</Text>
            </Group>
          ))}
        </Group>
        <Text size="xs" c="dimmed">{columns.at(-1)?.label ?? ''}</Text>
      </Group>
    </Stack>
  );
}
