/**
 * `serialized` (a JSON.stringify output holding `"<key>":{}` exactly once) with that empty object replaced by `text`,
 * JSON that is copied in, never parsed: how the relays put a payload Postgres already returns as text into a message
 * body. Every quote inside a JSON string is escaped, so an unescaped `"<key>":{}` can only be the key itself; the
 * serialized value must carry it once (a second one, nested, would make the place ambiguous).
 */
export const withJsonText = (serialized: string, key: string, text: string): string => {
  const slot = `${JSON.stringify(key)}:{}`;
  const at = serialized.indexOf(slot);
  if (at < 0 || serialized.indexOf(slot, at + 1) >= 0)
    throw new Error(`withJsonText: expected exactly one ${slot} in the serialized value`);
  return `${serialized.slice(0, at + slot.length - 2)}${text}${serialized.slice(at + slot.length)}`;
};
