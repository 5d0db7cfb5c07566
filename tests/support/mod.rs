pub mod perturb;
