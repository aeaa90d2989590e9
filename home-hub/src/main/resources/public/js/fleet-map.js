// Vehicles (markers), their trails (polylines) and the geofences (circles) on a Leaflet map without any tile
// layer: a plain background and a graticule, so nothing is fetched from a tile server.
import { millis } from './time.js';

const MAX_TRAIL = 120;
const STEPS = [0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30];

export class FleetMap {
  constructor(el) {
    this.map = L.map(el, { attributionControl: false, zoomSnap: 0.25 }).setView([51.5, 0], 4);
    this.graticule = L.layerGroup().addTo(this.map);
    this.fenceLayer = L.layerGroup().addTo(this.map);
    this.vehicles = new Map();   // vehicleId -> { marker, trail, points: [[lat, lon, ms], ...] }
    this.fitted = false;
    this.map.on('moveend', () => this.drawGraticule());
    this.drawGraticule();
  }

  reset(vehicles, geofences) {
    for (const v of this.vehicles.values()) {
      v.marker.remove();
      v.trail.remove();
    }
    this.vehicles.clear();
    this.fences(geofences);
    for (const v of vehicles) {
      const vehicle = this.vehicle(v.vehicleId);
      vehicle.points = (v.trail ?? []).map(p => [p.lat, p.lon, millis(p.at)]);
      this.draw(vehicle);
    }
    this.fitted = false;
    this.fit();
  }

  /** Draws {@code geofences} in place of those drawn so far (the snapshot's, or all of them after a change). */
  fences(geofences) {
    this.fenceLayer.clearLayers();
    for (const g of geofences) {
      L.circle([g.lat, g.lon], { radius: g.radiusMeters, color: '#805ad5', weight: 1, fillOpacity: 0.08 })
        .bindTooltip(text(g.name ?? g.id))
        .addTo(this.fenceLayer);
    }
  }

  move(position) {
    const vehicle = this.vehicle(position.vehicleId);
    vehicle.points.push([position.lat, position.lon, millis(position.fixTime)]);
    if (vehicle.points.length > MAX_TRAIL) {
      vehicle.points.shift();
    }
    this.draw(vehicle);
    this.fit();
  }

  vehicle(id) {
    let vehicle = this.vehicles.get(id);
    if (!vehicle) {
      vehicle = {
        marker: L.circleMarker([0, 0], { radius: 7, color: '#fff', weight: 2, fillColor: '#2b6cb0', fillOpacity: 1 })
          .bindTooltip(text(id), { permanent: true, direction: 'right', offset: [8, 0] }),
        trail: L.polyline([], { color: '#2b6cb0', weight: 2, opacity: 0.6 }),
        points: [],
      };
      this.vehicles.set(id, vehicle);
    }
    return vehicle;
  }

  draw(vehicle) {
    if (vehicle.points.length === 0) {
      return;
    }
    vehicle.trail.setLatLngs(vehicle.points.map(([lat, lon]) => [lat, lon])).addTo(this.map);
    const [lat, lon] = vehicle.points.at(-1);
    vehicle.marker.setLatLng([lat, lon]).addTo(this.map);
  }

  // Frames everything once there is something to frame; after that the user's pan and zoom are kept.
  fit() {
    if (this.fitted) {
      return;
    }
    const bounds = L.latLngBounds([]);
    this.vehicles.forEach(v => v.points.forEach(([lat, lon]) => bounds.extend([lat, lon])));
    this.fenceLayer.eachLayer(c => bounds.extend(c.getBounds()));
    if (bounds.isValid()) {
      this.map.fitBounds(bounds.pad(0.2), { maxZoom: 15 });
      this.fitted = true;
    }
  }

  drawGraticule() {
    this.graticule.clearLayers();
    const b = this.map.getBounds();
    const span = Math.max(b.getNorth() - b.getSouth(), b.getEast() - b.getWest());
    const step = STEPS.find(s => span / s <= 12) ?? 30;
    const style = { className: 'graticule', weight: 1, interactive: false };
    const south = Math.max(-85, b.getSouth()), north = Math.min(85, b.getNorth());
    for (let lat = Math.ceil(south / step) * step; lat <= north; lat += step) {
      L.polyline([[lat, b.getWest()], [lat, b.getEast()]], style).addTo(this.graticule);
    }
    for (let lon = Math.ceil(b.getWest() / step) * step; lon <= b.getEast(); lon += step) {
      L.polyline([[south, lon], [north, lon]], style).addTo(this.graticule);
    }
  }

  resize() {
    this.map.invalidateSize();
  }
}

// Leaflet puts a string tooltip in as HTML; an element keeps ids and names as text.
function text(content) {
  const span = document.createElement('span');
  span.textContent = content;
  return span;
}
