<1. >
VN  - Ovid Technologies
DB  - Embase
UI  - 2029880245
TI  - Cellular structure of dinosaur scales reveals retention of reptile-type skin during the evolutionary transition to feathers.
SO  - Nature Communications. 15 (1) (no pagination), 2024. Date of Publication: 2024.
AU  - Yang Z.
AU  - Jiang B.
AU  - Xu J.
AU  - McNamara M.E.
IN  - (Yang Z., zyang@ucc.ie; McNamara M.E.) School of Biological, Earth and Environmental Sciences, University College Cork, Cork, Ireland
      (Yang Z., zyang@ucc.ie; McNamara M.E.) Environmental Research Institute, University College Cork, Cork, Ireland
      (Jiang B.; Xu J.) State Key Laboratory for Mineral Deposits Research, School of Earth Sciences and Engineering and Frontiers Science Center for Critical Earth Material Cycling, Nanjing University, Nanjing, China
AD  - Z. Yang, School of Biological, Earth and Environmental Sciences, University College Cork, Cork, Ireland
MH  - keratin
MH  - melanin
MH  - animal scales
MH  - animal tissue
MH  - article
MH  - cell structure
MH  - chemical composition
MH  - controlled study
MH  - dinosaur
MH  - epidermis
MH  - evolution
MH  - feather
MH  - fossil
MH  - melanosome
MH  - nonhuman
MH  - Psittacosaurus
MH  - skin cell
MH  - skin color
MH  - skin culture
MH  - skin structure
MH  - standing
MH  - stratum corneum
MH  - taphonomy
MH  - trunk
MH  - ultrastructure
AB  - Fossil feathers have transformed our understanding of integumentary evolution in vertebrates. The evolution of feathers is associated with novel skin ultrastructures, but the fossil record of these changes is poor and thus the critical transition from scaled to feathered skin is poorly understood. Here we shed light on this issue using preserved skin in the non-avian feathered dinosaur Psittacosaurus. Skin in the non-feathered, scaled torso is three-dimensionally replicated in silica and preserves epidermal layers, corneocytes and melanosomes. The morphology of the preserved stratum corneum is consistent with an original composition rich in corneous beta proteins, rather than (alpha-) keratins as in the feathered skin of birds. The stratum corneum is relatively thin in the ventral torso compared to extant quadrupedal reptiles, reflecting a reduced demand for mechanical protection in an elevated bipedal stance. The distribution of the melanosomes in the fossil skin is consistent with melanin-based colouration in extant crocodilians. Collectively, the fossil evidence supports partitioning of skin development in Psittacosaurus: a reptile-type condition in non-feathered regions and an avian-like condition in feathered regions. Retention of reptile-type skin in non-feathered regions would have ensured essential skin functions during the early, experimental stages of feather evolution. 
DO  - http://dx.doi.org/10.1038/s41467-024-48400-3
LG  - English
PT  - Article
YR  - 2024

<2. >
VN  - Ovid Technologies
DB  - Embase
UI  - 643474277
TI  - A juvenile bird with possible crown-group affinities from a dinosaur-rich Cretaceous ecosystem in North America.
SO  - BMC ecology and evolution. 24 (1) (no pagination), 2024. Article Number: 20. Date of Publication: 2024.
AU  - Brownstein C.D.
IN  - (Brownstein C.D., Chase.brownstein@yale.edu) Department of Ecology and Evolutionary Biology, Yale University, New Haven, CT, United States
      (Brownstein C.D., Chase.brownstein@yale.edu) Stamford, United States
AB  - BACKGROUND: Living birds comprise the most speciose and anatomically diverse clade of flying vertebrates, but their poor early fossil record and the lack of resolution around the relationships of the major clades have greatly obscured extant avian origins. 
RESULTS: Here, I describe a Late Cretaceous bird from North America based on a fragmentary skeleton that includes cranial material and portions of the forelimb, hindlimb, and foot and is identified as a juvenile based on bone surface texture. Several features unite this specimen with crown Aves, but its juvenile status precludes the recognition of a distinct taxon. The North American provenance of the specimen supports a cosmopolitan distribution of early crown birds, clashes with the hypothesized southern hemisphere origins of living birds, and demonstrates that crown birds and their closest relatives coexisted with non-avian dinosaurs that independently converged on avian skeletal anatomy, such as the alvarezsaurids and dromaeosaurids. 
CONCLUSIONS: By revealing the ecological and biogeographic context of Cretaceous birds within or near the crown clade, the Lance Formation specimen provides new insights into the contingent nature of crown avian survival through the Cretaceous-Paleogene mass extinction and the subsequent origins of living bird diversity. 
DO  - http://dx.doi.org/10.1186/s12862-024-02210-9
LG  - English
PT  - Article
YR  - 2024
