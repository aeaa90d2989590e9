// The event list, newest first, at most MAX_EVENTS long.
import { clock } from './time.js';

const MAX_EVENTS = 100;

export class Events {
  constructor(list) {
    this.list = list;
  }

  /** {@code events} newest first, as in the snapshot. */
  reset(events) {
    this.list.replaceChildren(...events.slice(0, MAX_EVENTS).map(item));
  }

  add(event) {
    // an event stored just before the snapshot was read may also arrive as an event
    const key = keyOf(event);
    if ([...this.list.children].some(li => li.dataset.key === key)) {
      return;
    }
    this.list.prepend(item(event));
    while (this.list.children.length > MAX_EVENTS) {
      this.list.lastElementChild.remove();
    }
  }
}

function keyOf(event) {
  return JSON.stringify([event.at, event.kind, event.subject, event.detail]);
}

function item(event) {
  const li = document.createElement('li');
  li.dataset.key = keyOf(event);
  li.className = event.severity ?? 'info';
  const time = document.createElement('time');
  time.textContent = clock(event.at);
  const kind = document.createElement('span');
  kind.className = 'kind';
  kind.textContent = event.kind;
  li.append(time, kind, `${event.subject ?? ''}: ${event.detail ?? ''}`);
  return li;
}
