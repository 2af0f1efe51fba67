// The bench scripts' command line: `--name value` pairs as an object ({ name: 'value' }); any
// other word is ignored. Shared by run.mjs, profile.mjs and compare.mjs.
export function cliArgs(argv = process.argv.slice(2)) {
  return Object.fromEntries(
    argv.reduce((acc, a, i, all) => {
      if (a.startsWith('--')) acc.push([a.slice(2), all[i + 1]]);
      return acc;
    }, []),
  );
}
