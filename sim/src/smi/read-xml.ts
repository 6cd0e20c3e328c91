/** A strict reader for nvidia-smi's XML (used by the tests to check structure): every tag closes in order; returns each element's path and text. */
export function readXml(xml: string): Array<{ path: string; text: string }> {
  const body = xml.replace(/^<\?xml[^>]*\?>\s*/, "").replace(/^<!DOCTYPE[^>]*>\s*/, "");
  const stack: string[] = [];
  const out: Array<{ path: string; text: string }> = [];
  const token = /<(\/?)([A-Za-z_][\w.-]*)((?:\s+[\w-]+="[^"]*")*)\s*(\/?)>|([^<]+)/g;
  let match: RegExpExecArray | null;
  let consumed = 0;
  while ((match = token.exec(body))) {
    if (match.index !== consumed)
      throw new Error(`unexpected text at ${consumed}: ${body.slice(consumed, consumed + 40)}`);
    consumed = token.lastIndex;
    const [, closing, name, , selfClosing, text] = match;
    if (text !== undefined) {
      if (text.trim() && stack.length > 0) out[out.length - 1]!.text += text.trim();
      continue;
    }
    if (closing) {
      if (stack.pop() !== name) throw new Error(`</${name}> closes ${stack.join("/")}`);
      continue;
    }
    stack.push(name!);
    out.push({ path: stack.join("/"), text: "" });
    if (selfClosing) stack.pop();
  }
  if (consumed !== body.length || stack.length > 0) throw new Error(`unclosed: ${stack.join("/")}`);
  return out;
}
