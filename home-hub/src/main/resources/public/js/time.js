// Instants arrive as ISO-8601 strings or as epoch numbers (seconds or milliseconds, depending on the JSON
// settings); everything on the page works in epoch milliseconds.
export function millis(instant) {
  if (typeof instant === 'number') {
    return instant < 1e11 ? Math.round(instant * 1000) : instant;
  }
  return Date.parse(instant);
}

export function clock(instant) {
  return new Date(millis(instant)).toLocaleTimeString();
}
