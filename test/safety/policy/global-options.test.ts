import { describe, expect, it } from 'vitest';
import { withoutGlobalOptions } from '../../../src/safety/policy/shell-global-options.js';

const words = (line: string) => line.split(' ').map((value) => ({ value, literal: true }));
const bare = (line: string) => withoutGlobalOptions(words(line))?.map((word) => word.value).join(' ');

describe('withoutGlobalOptions', () => {
  it.each([
    ['git -C repo -c a=b push --force', 'git push --force'],
    ['git --no-pager log', 'git log'],
    ['docker -H tcp://host:2375 --tls rm -f web', 'docker rm -f web'],
    ['kubectl -n prod --context live delete pod x', 'kubectl delete pod x'],
    ['make -C sub -j 4 clean', 'make clean'],
    ['terraform -chdir=infra destroy -auto-approve', 'terraform destroy -auto-approve'],
    ['cargo +nightly -Z unstable-options publish', 'cargo publish'],
    ['npm --prefix pkg publish', 'npm publish'],
    ['aws --profile prod s3 rm s3://bucket --recursive', 'aws s3 rm s3://bucket --recursive'],
    ['/usr/local/bin/git -C x push', '/usr/local/bin/git push'],
  ])('%s → %s', (line, expected) => {
    expect(bare(line)).toBe(expected);
  });

  it('leaves alone commands with no such options, other programs, and options with nothing after them', () => {
    expect(bare('git push origin')).toBeUndefined();
    expect(bare('rm -rf build')).toBeUndefined();
    expect(bare('git -C')).toBeUndefined();
    expect(bare('git --version')).toBeUndefined();
  });
});
