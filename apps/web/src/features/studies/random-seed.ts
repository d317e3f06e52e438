// A seed a person can read aloud and write in a methods section ("seed: amber-heron-42"):
// the draw is repeatable from it, so it is shown, editable and recorded with the draw.
const adjectives = [
  'amber',
  'brisk',
  'calm',
  'dusky',
  'early',
  'fern',
  'gentle',
  'hazel',
  'ivory',
  'jade',
  'keen',
  'lunar',
  'misty',
  'north',
  'olive',
  'plain',
  'quiet',
  'rusty',
  'silver',
  'tidal',
];
const nouns = [
  'heron',
  'otter',
  'maple',
  'harbor',
  'comet',
  'falcon',
  'meadow',
  'pebble',
  'willow',
  'lantern',
  'canyon',
  'thistle',
  'badger',
  'glacier',
  'sparrow',
  'orchard',
];

export function randomSeed(random: () => number = Math.random): string {
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  return `${pick(adjectives)}-${pick(nouns)}-${10 + Math.floor(random() * 90)}`;
}
