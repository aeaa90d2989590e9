// Connects to GET /live (Server-Sent Events): a snapshot on every (re)connect, then live events.
import { Devices } from './devices.js';
import { Events } from './events.js';
import { FleetMap } from './fleet-map.js';
import { Sensors } from './sensors.js';

const sensors = new Sensors(document.querySelector('#sensors tbody'), document.getElementById('charts'));
const fleet = new FleetMap(document.getElementById('map'));
const devices = new Devices(document.querySelector('#devices tbody'));
const events = new Events(document.getElementById('events'));

function status(state, text) {
  document.body.dataset.live = state;
  document.getElementById('status').textContent = text;
}

const on = (source, name, handle) => source.addEventListener(name, e => handle(JSON.parse(e.data)));

const source = new EventSource('live');
// The server leaves out empty lists and absent values.
on(source, 'snapshot', snapshot => {
  sensors.reset(snapshot.sensors ?? []);
  fleet.reset(snapshot.vehicles ?? [], snapshot.geofences ?? []);
  devices.reset(snapshot.devices ?? []);
  events.reset(snapshot.events ?? []);
  status('connected', 'live');
});
on(source, 'reading', reading => sensors.add(reading));
on(source, 'position', position => fleet.move(position));
on(source, 'availability', availability => devices.update(availability));
on(source, 'event', event => events.add(event));
on(source, 'geofences', change => fleet.fences(change.geofences ?? []));
// EventSource reconnects by itself (the server asks for 2 s); the next snapshot redraws everything.
source.addEventListener('error', () => status('reconnecting', 'reconnecting…'));

window.addEventListener('resize', () => {
  sensors.resize();
  fleet.resize();
});
