// Images in forum posts live on third-party hosts: showing one makes the coder's browser tell
// that host who is reading what. THREADCODER_IMAGES chooses when they load:
//   click  (default) each post shows a placeholder per image (its alt text and host) and a
//          "Load images" button for that post;
//   always images load with the post;
//   never  placeholders only; the CSP then allows no remote image at all.
// Only https: images ever load (an http: one would travel in clear beside the app): the
// placeholder links to it instead. The CSP's img-src follows the policy.
import { z } from 'zod';

const imagePolicies = ['click', 'always', 'never'] as const;
export type ImagePolicy = (typeof imagePolicies)[number];

export function imagePolicy(value: string | undefined): ImagePolicy {
  const parsed = z.enum(imagePolicies).safeParse(value ?? 'click');
  if (!parsed.success)
    throw new Error(`THREADCODER_IMAGES must be one of ${imagePolicies.join(', ')}, not "${value}".`);
  return parsed.data;
}

export function imageSources(policy: ImagePolicy): string[] {
  return policy === 'never' ? ["'self'", 'data:', 'blob:'] : ["'self'", 'https:', 'data:', 'blob:'];
}
