import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SlotSet } from '../../src/mcp/slot-set.ts';

describe('SlotSet: a set whose first member lives in a field', () => {
  it('adds, finds the size of and deletes members as a Set does, a repeated add counted once', () => {
    const [a, b, c] = [{ n: 1 }, { n: 2 }, { n: 3 }];
    const set = new SlotSet<{ n: number }>();
    set.add(a);
    set.add(b);
    set.add(a);
    set.add(c);
    set.add(b);
    assert.equal(set.size, 3);
    assert.deepEqual(set.members(), [a, b, c]);
    assert.equal(set.delete(a), true);
    assert.equal(set.delete(a), false);
    assert.equal(set.size, 2);
    set.add(b); // b is among the rest: still one member, not a second b in the free field
    assert.equal(set.size, 2);
    set.add(a);
    assert.deepEqual(new Set(set.members()), new Set([a, b, c]));
    set.clear();
    assert.equal(set.size, 0);
    assert.deepEqual(set.members(), []);
  });

  it('members() is a snapshot: deleting and adding while walking it changes the set, not the walk', () => {
    const [a, b, c] = [{ n: 1 }, { n: 2 }, { n: 3 }];
    const set = new SlotSet<{ n: number }>();
    set.add(a);
    set.add(b);
    const walked: number[] = [];
    for (const m of set.members()) {
      walked.push(m.n);
      set.delete(b);
      set.add(c);
    }
    assert.deepEqual(walked, [1, 2]);
    assert.deepEqual(set.members(), [a, c]);
  });
});
