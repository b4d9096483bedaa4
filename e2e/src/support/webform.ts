import { expect } from 'vitest';

/**
 * A web form sent the way a citizen's browser sends it: multipart, with the form page's own token, the hidden field
 * left empty and consent given, on the topic of that name (without one, the first listed). Expects the redirect to
 * the confirmation (303) and returns the path of the case's status page.
 */
export async function sendWebform(
  baseUrl: string,
  fields: { name: string; email: string; phone: string; text: string },
  topic?: string,
): Promise<string> {
  const form = await (await fetch(`${baseUrl}/anliegen`)).text();
  const option = topic ? new RegExp(`<option value="(\\d+)">${topic}</option>`) : /<option value="(\d+)"/;
  const body = new FormData();
  for (const [name, value] of Object.entries({
    formToken: /name="formToken" value="([^"]+)"/.exec(form)![1]!,
    categoryId: option.exec(form)![1]!,
    website: '',
    consent: 'yes',
    ...fields,
  }))
    body.set(name, value);
  const sent = await fetch(`${baseUrl}/anliegen`, { method: 'POST', body, redirect: 'manual' });
  expect(sent.status).toBe(303);
  return sent.headers.get('location')!.replace(/\?.*$/, '');
}
