/**
 * A team alert as e-mail: plain text for every client, and HTML with the summary on top, a
 * button to the case or customer in the dashboard, and the details below.
 */
const escape = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** Where in the dashboard an alert's subject lives: its case, else its customer. */
export function alertPath(data: Record<string, unknown>): string | null {
  if (typeof data.caseId === 'string') return `/app/cases/${data.caseId}`;
  const customer = (data.customer as { id?: string } | null | undefined)?.id ?? data.customerId;
  return typeof customer === 'string' ? `/app/customers/${encodeURIComponent(customer)}` : null;
}

export function alertMail(p: { subject: string; text: string; path?: string | null }, baseUrl: string) {
  const link = p.path ? `${baseUrl.replace(/\/$/, '')}${p.path}` : null;
  const [summary = '', ...rest] = p.text.split('\n\n');
  const text = link ? `${summary}\n\n${link}\n\n${rest.join('\n\n')}` : p.text;
  const html = `<!doctype html><html><body style="font-family:system-ui,sans-serif;color:#1b1d21">
<p style="font-size:16px;font-weight:600">${escape(summary)}</p>
${link ? `<p><a href="${escape(link)}" style="display:inline-block;background:#1f4fd1;color:#fff;padding:8px 14px;border-radius:6px;text-decoration:none">Open in Opinia</a></p>` : ''}
${rest.map((part) => `<pre style="white-space:pre-wrap;font:13px ui-monospace,monospace;background:#f5f6f8;padding:8px;border-radius:6px">${escape(part)}</pre>`).join('\n')}
</body></html>`;
  return { subject: p.subject, text, html };
}
