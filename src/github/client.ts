/**
 * The GitHub API client from @actions/github (getOctokit), loaded only when a token is given (a chunk of
 * its own, about 1.1 MB: Octokit with its REST endpoint table, and @actions/http-client with undici).
 * Its HTTP client honours the runner's https_proxy / no_proxy, which Node's own fetch ignores, so
 * Deployment records work on self-hosted runners behind a proxy.
 */
import { getOctokit } from '@actions/github';

export type GithubClient = ReturnType<typeof getOctokit>;

/** An authenticated client for `baseUrl` (GITHUB_API_URL), through the runner's proxy when it has one. */
export function githubClient(token: string, baseUrl: string): GithubClient {
  return getOctokit(token, { baseUrl: baseUrl.replace(/\/+$/, ''), userAgent: 'immutable-deploy' });
}
