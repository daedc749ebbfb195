// Turning cities and networks into what a sign-in records: an address and a location.

import { parseCidr, intToIp, type Block, type City, type HostilePlace, type Network } from '../geography.ts';
import type { Rng } from '../prng.ts';
import type { Place } from './signIns.ts';

export interface Whereabouts {
  ip: string;
  place: Place;
  /** Inside the tenant's office networks. */
  trusted: boolean;
}

const places = new WeakMap<object, Map<number, Place>>();

/** The Place of a city on a network (cached: the same city and AS always give the same object). */
export function placeOf(city: { name: string; state: string; country: string; lat: number; lon: number }, network: Network): Place {
  let byAsn = places.get(city);
  if (!byAsn) {
    byAsn = new Map();
    places.set(city, byAsn);
  }
  let p = byAsn.get(network.asn);
  if (!p) {
    p = { city: city.name, state: city.state, country: city.country, lat: city.lat, lon: city.lon, asn: network.asn };
    byAsn.set(network.asn, p);
  }
  return p;
}

export function hostilePlace(p: HostilePlace): Place {
  return { city: p.city, state: p.state, country: p.country, lat: p.lat, lon: p.lon, asn: p.network.asn };
}

/** A random host address inside a network block (never the network or broadcast address). */
const blocks = new Map<string, Block>();

export function ipIn(network: Network | string, rng: Rng): string {
  const cidr = typeof network === 'string' ? network : network.cidr;
  let b = blocks.get(cidr);
  if (!b) {
    b = parseCidr(cidr);
    blocks.set(cidr, b);
  }
  return intToIp(b.base + 1 + rng.int(Math.max(1, b.size - 2)));
}

export function at(city: City, network: Network, ip: string, trusted: boolean): Whereabouts {
  return { ip, place: placeOf(city, network), trusted };
}
