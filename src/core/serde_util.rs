//! What serde does not do by itself for this tool's files: refuse duplicate
//! keys. A derived struct refuses a duplicate field, but a map keeps the
//! last value silently and `serde_json::Value` does the same; a report or
//! an import with two values for one key must be an error, not a choice.

use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use serde_json::{Map, Number, Value};

/// `deserialize_with` for maps keyed by text: a key given twice is an error.
pub fn unique_map<'de, D, V>(d: D) -> Result<BTreeMap<String, V>, D::Error>
where
    D: Deserializer<'de>,
    V: Deserialize<'de>,
{
    struct V2<V>(PhantomData<V>);
    impl<'de, V: Deserialize<'de>> Visitor<'de> for V2<V> {
        type Value = BTreeMap<String, V>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("an object")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut out = BTreeMap::new();
            while let Some(key) = map.next_key::<String>()? {
                if out.contains_key(&key) {
                    return Err(de::Error::custom(format_args!(
                        "the key \"{key}\" appears twice"
                    )));
                }
                let value = map.next_value()?;
                out.insert(key, value);
            }
            Ok(out)
        }
    }
    d.deserialize_map(V2(PhantomData))
}

/// A JSON value whose objects have no duplicate keys, at any depth.
pub struct UniqueValue(pub Value);

impl<'de> Deserialize<'de> for UniqueValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        ValueSeed.deserialize(d).map(UniqueValue)
    }
}

struct ValueSeed;

impl<'de> DeserializeSeed<'de> for ValueSeed {
    type Value = Value;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(ValueVisitor)
    }
}

struct ValueVisitor;

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = Value;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Value, E> {
        Number::from_f64(v)
            .map(Value::Number)
            .ok_or_else(|| E::custom("a number that JSON cannot hold"))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_string()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        ValueSeed.deserialize(d)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut out = Vec::new();
        while let Some(v) = seq.next_element_seed(ValueSeed)? {
            out.push(v);
        }
        Ok(Value::Array(out))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut out = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            if out.contains_key(&key) {
                return Err(de::Error::custom(format_args!(
                    "the key \"{key}\" appears twice"
                )));
            }
            let v = map.next_value_seed(ValueSeed)?;
            out.insert(key, v);
        }
        Ok(Value::Object(out))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize, Debug)]
    struct Doc {
        #[serde(deserialize_with = "unique_map")]
        m: BTreeMap<String, u32>,
    }

    #[test]
    fn duplicate_keys_are_refused_in_maps_and_values() {
        assert_eq!(
            serde_json::from_str::<Doc>(r#"{"m": {"a": 1, "b": 2}}"#)
                .unwrap()
                .m
                .len(),
            2
        );
        let e = serde_json::from_str::<Doc>(r#"{"m": {"a": 1, "a": 2}}"#).unwrap_err();
        assert!(e.to_string().contains("\"a\" appears twice"), "{e}");
        let v: UniqueValue =
            serde_json::from_str(r#"{"x": [{"y": 1, "z": {"k": null}}], "n": -3}"#).unwrap();
        assert_eq!(v.0["x"][0]["z"]["k"], Value::Null);
        assert!(serde_json::from_str::<UniqueValue>(r#"{"x": [{"y": 1, "y": 1}]}"#).is_err());
        assert!(serde_json::from_str::<UniqueValue>(r#"{"x": 1, "x": 1}"#).is_err());
    }

    #[test]
    fn many_keys_are_checked_through_the_map_not_pairwise() {
        // 200,000 distinct keys (the old pairwise check never finished
        // 400,000); the last one repeated is still caught.
        let body: Vec<String> = (0..200_000).map(|i| format!("\"k{i}\":{i}")).collect();
        let text = format!("{{{}}}", body.join(","));
        let v: UniqueValue = serde_json::from_str(&text).unwrap();
        assert_eq!(v.0.as_object().unwrap().len(), 200_000);
        assert!(serde_json::from_str::<UniqueValue>(&format!(
            "{{{},\"k199999\":0}}",
            body.join(",")
        ))
        .is_err());
    }
}
