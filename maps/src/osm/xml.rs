//! The OSM XML reader, for `.osm` files as JOSM saves them (a road fixed locally, a small area)
//! and their gzipped form. One streaming pass keeps every node's position (XML files are small:
//! a regional extract comes as PBF) and the drivable ways; objects JOSM marks deleted
//! (`action="delete"`) or invisible are skipped.

use super::{Input, NodeCoords, PassProgress, WaySet, WayStats, corrupt, judge_way, to_fixed};
use crate::error::MapError;
use crate::profile::Profile;
use quick_xml::events::{BytesStart, Event};
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

/// Everything an XML file gives the import.
pub struct XmlData {
    pub ways: WaySet,
    pub stats: WayStats,
    /// Every node of the file, in file order.
    pub nodes: Vec<(i64, [i32; 2])>,
}

impl XmlData {
    /// The positions of the nodes the ways use.
    pub fn coords(&self) -> NodeCoords {
        let mut coords = NodeCoords::new(self.ways.node_ids());
        for (id, p) in &self.nodes {
            if let Some(i) = coords.index(*id) {
                coords.pos[i] = *p;
            }
        }
        coords
    }
}

/// Reads a `.osm` file, or a `.osm.gz` one when `gzipped`.
pub fn read(
    input: Input<'_>,
    gzipped: bool,
    profile: &Profile,
    progress: PassProgress<'_>,
) -> Result<XmlData, MapError> {
    let path = input.path();
    let (file, len) = input.open()?;
    if len == 0 {
        return Err(MapError::EmptyFile {
            path: path.to_path_buf(),
        });
    }
    let source: Box<dyn Read> = if gzipped {
        Box::new(flate2::read::MultiGzDecoder::new(BufReader::new(file)))
    } else {
        Box::new(file)
    };
    let data = parse(BufReader::with_capacity(1 << 16, source), path, profile)?;
    progress(len, len);
    Ok(data)
}

/// The way being read, between `<way>` and `</way>`.
#[derive(Default)]
struct OpenWay {
    refs: Vec<i64>,
    tags: Vec<(String, String)>,
    skip: bool,
}

/// Parses OSM XML from any reader; `path` only names the file in errors.
pub fn parse<R: BufRead>(source: R, path: &Path, profile: &Profile) -> Result<XmlData, MapError> {
    let mut reader = quick_xml::Reader::from_reader(source);
    let mut data = XmlData {
        ways: WaySet::default(),
        stats: WayStats::default(),
        nodes: Vec::new(),
    };
    let (mut buf, mut way, mut seen_root) = (Vec::new(), None::<OpenWay>, false);
    loop {
        let event = reader.read_event_into(&mut buf).map_err(|e| {
            corrupt(
                path,
                format!("XML error near byte {}: {e}", reader.error_position()),
            )
        })?;
        let at = reader.buffer_position();
        match event {
            Event::Start(e) | Event::Empty(e) if !seen_root => {
                if e.local_name().as_ref() != "osm" {
                    let name = e.local_name().as_ref().to_string();
                    return Err(corrupt(path, format!("root element <{name}> is not <osm>")));
                }
                seen_root = true;
            }
            Event::Start(e) | Event::Empty(e) => {
                element(&e, &mut data, &mut way)
                    .map_err(|d| corrupt(path, format!("{d} near byte {at}")))?;
            }
            Event::End(e) if e.local_name().as_ref() == "way" => {
                if let Some(w) = way.take().filter(|w| !w.skip) {
                    let pairs = w.tags.iter().map(|(k, v)| (k.as_str(), v.as_str()));
                    if let Some(attrs) = judge_way(pairs, profile, &mut data.stats) {
                        data.ways.push(w.refs, attrs);
                    }
                }
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    if !seen_root {
        return Err(corrupt(path, "no <osm> element found"));
    }
    Ok(data)
}

fn element(
    e: &BytesStart<'_>,
    data: &mut XmlData,
    way: &mut Option<OpenWay>,
) -> Result<(), String> {
    match e.local_name().as_ref() {
        "node" => {
            let a = Attrs::read(e, &["id", "lat", "lon", "action", "visible"])?;
            if a.deleted() {
                return Ok(());
            }
            let id = a.number::<i64>(0, "node id")?;
            let (lat, lon) = (a.number::<f64>(1, "lat")?, a.number::<f64>(2, "lon")?);
            let p = to_fixed(lat, lon)
                .ok_or(format!("node {id}: position {lat},{lon} off the globe"))?;
            data.nodes.push((id, p));
        }
        "way" => {
            let a = Attrs::read(e, &["id", "action", "visible"])?;
            *way = Some(OpenWay {
                skip: a.deleted(),
                ..OpenWay::default()
            });
        }
        "nd" => {
            if let Some(w) = way.as_mut() {
                w.refs
                    .push(Attrs::read(e, &["ref"])?.number::<i64>(0, "nd ref")?);
            }
        }
        "tag" => {
            if let Some(w) = way.as_mut() {
                let mut a = Attrs::read(e, &["k", "v"])?;
                let (k, v) = (a.values[0].take(), a.values[1].take());
                w.tags
                    .push((k.ok_or("tag without k")?, v.unwrap_or_default()));
            }
        }
        _ => {}
    }
    Ok(())
}

/// Selected attributes of one element, unescaped.
struct Attrs {
    names: &'static [&'static str],
    values: Vec<Option<String>>,
}

impl Attrs {
    fn read(e: &BytesStart<'_>, names: &'static [&'static str]) -> Result<Attrs, String> {
        let mut values = vec![None; names.len()];
        for attr in e.attributes() {
            let attr = attr.map_err(|err| format!("bad attribute: {err}"))?;
            let key = attr.key.local_name();
            if let Some(i) = names.iter().position(|n| *n == key.as_ref()) {
                let v = attr
                    .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                    .map_err(|err| format!("bad attribute value: {err}"))?;
                values[i] = Some(v.into_owned());
            }
        }
        Ok(Attrs { names, values })
    }

    fn number<T: std::str::FromStr>(&self, i: usize, what: &str) -> Result<T, String> {
        let v = self.values[i]
            .as_deref()
            .ok_or_else(|| format!("{what} missing"))?;
        v.trim()
            .parse()
            .map_err(|_| format!("{what} {v:?} ({}) is not a number", self.names[i]))
    }

    fn deleted(&self) -> bool {
        self.names.iter().zip(&self.values).any(|(n, v)| {
            matches!(
                (*n, v.as_deref()),
                ("action", Some("delete")) | ("visible", Some("false"))
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = r#"<?xml version='1.0' encoding='UTF-8'?>
<osm version='0.6' generator='JOSM'>
  <node id='-1' lat='45.0' lon='2.0' />
  <node id='-2' action='modify' lat='45.001' lon='2.0' />
  <node id='-3' action='delete' lat='45.002' lon='2.0' />
  <way id='-10'>
    <nd ref='-1' /><nd ref='-2' />
    <tag k='highway' v='residential' />
    <tag k='maxheight' v='11&apos;6&quot;' />
  </way>
  <way id='-11' action='delete'>
    <nd ref='-2' /><nd ref='-3' />
    <tag k='highway' v='primary' />
  </way>
  <way id='-12'>
    <nd ref='-1' /><nd ref='-2' />
    <tag k='highway' v='footway' />
  </way>
</osm>"#;

    #[test]
    fn reads_josm_file_skipping_deleted_objects() {
        let data = parse(
            SAMPLE.as_bytes(),
            Path::new("x.osm"),
            &Profile::camping_car(),
        )
        .unwrap();
        assert_eq!(data.nodes.len(), 2);
        assert_eq!(data.ways.len(), 1);
        assert_eq!(data.ways.way(0), &[-1, -2]);
        assert_eq!(data.stats.road_ways, 1);
        let coords = data.coords();
        assert_eq!(coords.pos[0], [450_010_000, 20_000_000]);
    }

    #[test]
    fn refuses_other_xml_and_broken_numbers() {
        let p = Path::new("x.osm");
        let car = Profile::car();
        let html = parse("<html><body/></html>".as_bytes(), p, &car);
        assert!(html.err().unwrap().to_string().contains("<html>"));
        let bad = "<osm><node id='1' lat='north' lon='2'/></osm>";
        let e = parse(bad.as_bytes(), p, &car).err().unwrap().to_string();
        assert!(e.contains("lat"), "{e}");
        let unclosed = "<osm><way id='1'><nd ref='1'/></osm>";
        assert!(parse(unclosed.as_bytes(), p, &car).is_err());
    }
}
