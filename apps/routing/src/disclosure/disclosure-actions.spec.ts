import { DISCLOSURE_ACTION_BODIES } from '@huiying/contracts';
import { DISCLOSURE_ACTIONS } from './disclosure-case.service';

describe('disclosure action paths', () => {
  it('every action routing runs has its body class, and no body class is without an action', () => {
    expect(Object.keys(DISCLOSURE_ACTION_BODIES).sort()).toEqual(Object.keys(DISCLOSURE_ACTIONS).sort());
  });
});
