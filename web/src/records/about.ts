/**
 * The values a create form starts with from `?about=<entity>:<id>` (quick actions): a record about a
 * partner gets `partnerId`, about a contact `contactId` — whatever `<entity>Id` field the form has.
 */
export function aboutValues(about: string | null, fieldNames: string[]): Record<string, string> {
  const match = about ? /^([a-zA-Z]+):([0-9a-fA-F-]{36})$/.exec(about) : null;
  if (!match) return {};
  const field = `${match[1]}Id`;
  return fieldNames.includes(field) ? { [field]: match[2]! } : {};
}
