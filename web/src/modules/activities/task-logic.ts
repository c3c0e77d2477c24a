/** Overdue tasks stand out in red on task lists (A2 colour rule); done ones are dimmed. */
export function taskRowColor(row: Record<string, unknown>): string | undefined {
  if (row.status === 'overdue') return 'var(--mantine-color-red-light)';
  if (row.status === 'done') return 'var(--mantine-color-gray-light)';
  return undefined;
}

/** The badge colour of a task status. */
export function statusColor(status: unknown): string {
  switch (status) {
    case 'overdue':
      return 'red';
    case 'in_progress':
      return 'blue';
    case 'done':
      return 'green';
    default:
      return 'gray';
  }
}
