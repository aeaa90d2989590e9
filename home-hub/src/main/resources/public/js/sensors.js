// The sensor table (latest value, a tick box to chart it) and one ECharts line chart per ticked sensor.
import { clock, millis } from './time.js';

const MAX_POINTS = 240;
const DEFAULT_CHARTS = 4;
const STORAGE_KEY = 'home-hub.charted';

export class Sensors {
  constructor(tableBody, chartsEl) {
    this.tableBody = tableBody;
    this.chartsEl = chartsEl;
    this.sensors = new Map();   // sensorId -> { unit, points: [[ms, value], ...] oldest first, row, chart }
    this.stored = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null');  // null until the user chooses
    this.dirty = new Set();
    this.flush = null;
  }

  /** Replaces everything with the snapshot's sensors. */
  reset(series) {
    for (const s of this.sensors.values()) {
      s.chart?.dispose();
    }
    this.sensors.clear();
    this.tableBody.replaceChildren();
    this.chartsEl.replaceChildren();
    for (const s of series) {
      const sensor = this.sensor(s.sensorId, s.unit);
      sensor.points = (s.points ?? []).map(p => [millis(p.at), p.value]);
      this.render(s.sensorId);
    }
  }

  add(reading) {
    const sensor = this.sensor(reading.sensorId, reading.unit);
    insert(sensor.points, [millis(reading.measuredAt), reading.value]);
    if (sensor.points.length > MAX_POINTS) {
      sensor.points.splice(0, sensor.points.length - MAX_POINTS);
    }
    this.later(reading.sensorId);
  }

  sensor(id, unit) {
    let sensor = this.sensors.get(id);
    if (!sensor) {
      sensor = { unit, points: [], row: this.row(id), chart: null };
      this.sensors.set(id, sensor);
      const charted = this.stored ? this.stored.includes(id) : this.sensors.size <= DEFAULT_CHARTS;
      sensor.row.querySelector('input').checked = charted;
    }
    if (unit) {
      sensor.unit = unit;
    }
    return sensor;
  }

  row(id) {
    const tr = document.createElement('tr');
    tr.dataset.sensor = id;
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.addEventListener('change', () => this.choose());
    const cells = [box, id, '', ''].map(content => {
      const td = document.createElement('td');
      td.append(content);
      return td;
    });
    cells[2].className = 'value';
    tr.append(...cells);
    // kept sorted by sensor id
    const after = [...this.tableBody.children].find(other => other.dataset.sensor > id);
    this.tableBody.insertBefore(tr, after ?? null);
    return tr;
  }

  choose() {
    this.stored = [...this.sensors.keys()].filter(id => this.sensors.get(id).row.querySelector('input').checked);
    localStorage.setItem(STORAGE_KEY, JSON.stringify(this.stored));
    for (const id of this.sensors.keys()) {
      this.render(id);
    }
  }

  // Readings may come many times a second: draw at most a few times a second.
  later(id) {
    this.dirty.add(id);
    this.flush ??= setTimeout(() => {
      this.flush = null;
      const ids = [...this.dirty];
      this.dirty.clear();
      ids.forEach(dirty => this.render(dirty));
    }, 200);
  }

  render(id) {
    const sensor = this.sensors.get(id);
    const last = sensor.points.at(-1);
    const [, , value, at] = sensor.row.children;
    value.textContent = last ? `${last[1]}${sensor.unit ? ' ' + sensor.unit : ''}` : '';
    at.textContent = last ? clock(last[0]) : '';
    const charted = sensor.row.querySelector('input').checked;
    if (charted && !sensor.chart) {
      sensor.chart = this.chart(id, sensor.unit);
    } else if (!charted && sensor.chart) {
      sensor.chart.getDom().remove();
      sensor.chart.dispose();
      sensor.chart = null;
    }
    sensor.chart?.setOption({ series: [{ data: sensor.points }] });
  }

  chart(id, unit) {
    const el = document.createElement('div');
    el.className = 'chart';
    el.dataset.chart = id;
    this.chartsEl.append(el);
    const chart = echarts.init(el);
    chart.setOption({
      animation: false,
      title: { text: unit ? `${id} (${unit})` : id, textStyle: { fontSize: 12 } },
      grid: { left: 48, right: 12, top: 30, bottom: 24 },
      // drawn on the canvas, so a sensor name never becomes markup
      tooltip: { trigger: 'axis', renderMode: 'richText' },
      // at least the last ten minutes, so that a new sensor's first points do not span days
      xAxis: { type: 'time', min: range => Math.min(range.min, range.max - 600_000) },
      yAxis: { type: 'value', scale: true },
      series: [{ type: 'line', name: id, symbolSize: 4, data: [] }],
    });
    return chart;
  }

  resize() {
    for (const s of this.sensors.values()) {
      s.chart?.resize();
    }
  }
}

// Keeps points in time order; a point at a time already there (from the snapshot and again live) replaces it.
function insert(points, point) {
  let i = points.length;
  while (i > 0 && points[i - 1][0] > point[0]) {
    i--;
  }
  if (i > 0 && points[i - 1][0] === point[0]) {
    points[i - 1] = point;
  } else {
    points.splice(i, 0, point);
  }
}
