@tradevest @in-process
Feature: Tradevest onboarding follows the sandbox clock, and what is due stays done
  POST /roles/onboardings {roleType: "CUSTOMER", roleId} answers 200
  {onboardingId}. The onboarding goes CREATED → PENDING → APPROVED (§9): it
  is CREATED when it starts, PENDING one second later and APPROVED 60
  seconds after it started, on the sandbox clock. The customer is PENDING
  at once and ACTIVE when the onboarding is APPROVED, with approvedOn set to
  that instant. The customer's entity moves with it: PENDING, then ACTIVE,
  and its modifiedOn changes each time.

  A time-driven transition is stored once the sandbox clock passes its due
  time and is never undone: moving the clock back (to real time, or to any
  earlier instant) leaves the onboarding APPROVED and the customer ACTIVE,
  and GET /_sandbox/state shows what the API shows.

  These scenarios use partner sandbox of the default fixtures: Erika
  (natural person 6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e02) has no customer role
  yet; customer 9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01 (Max) is ACTIVE. They
  move the sandbox clock back and forth, so they need a sandbox of their
  own.

  Background:
    Given I am authenticated with Tradevest as "sandbox-client" with secret "sandbox-secret"
    And I POST "/roles/customers" with body:
      """
      {"entityId": "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e02", "entityType": "NATURAL_PERSON"}
      """
    And I save the response field "customerId" as "erika_customer"

  Scenario: The onboarding, its customer and the customer's entity follow one state diagram
    Given the sandbox clock is frozen at "2030-01-01T09:00:00Z"
    When I GET "/entities/natural-persons/6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e02"
    Then the response field "naturalPersonStatus" is "CREATED"
    When I POST "/roles/onboardings" with body:
      """
      {"roleType": "CUSTOMER", "roleId": "{erika_customer}"}
      """
    Then the response status is 200
    And the response has no field "status"
    And I save the response field "onboardingId" as "onboarding"
    When I GET "/roles/onboardings/{onboarding}"
    Then the response body equals:
      """
      {"onboardingId": "{onboarding}", "status": "CREATED", "roleType": "CUSTOMER", "roleId": "{erika_customer}",
       "createdOn": "2030-01-01T09:00:00.000Z", "modifiedOn": "2030-01-01T09:00:00.000Z"}
      """
    When I GET "/roles/customers/{erika_customer}"
    Then the response field "customerStatus" is "PENDING"
    And the response field "modifiedOn" is "2030-01-01T09:00:00.000Z"
    And the response field "approvedOn" is null
    When I GET "/entities/natural-persons/6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e02"
    Then the response field "naturalPersonStatus" is "PENDING"
    And the response field "modifiedOn" is "2030-01-01T09:00:00.000Z"

    When the sandbox clock advances 1 second
    And I GET "/roles/onboardings/{onboarding}"
    Then the response field "status" is "PENDING"
    And the response field "modifiedOn" is "2030-01-01T09:00:01.000Z"

    When the sandbox clock advances 58 seconds
    And I GET "/roles/onboardings/{onboarding}"
    Then the response field "status" is "PENDING"
    When I GET "/roles/customers/{erika_customer}"
    Then the response field "customerStatus" is "PENDING"

    When the sandbox clock advances 1 second
    And I GET "/roles/onboardings/{onboarding}"
    Then the response body equals:
      """
      {"onboardingId": "{onboarding}", "status": "APPROVED", "roleType": "CUSTOMER", "roleId": "{erika_customer}",
       "createdOn": "2030-01-01T09:00:00.000Z", "modifiedOn": "2030-01-01T09:01:00.000Z"}
      """
    When I GET "/roles/customers/{erika_customer}"
    Then the response field "customerStatus" is "ACTIVE"
    And the response field "approvedOn" is "2030-01-01T09:01:00.000Z"
    And the response field "modifiedOn" is "2030-01-01T09:01:00.000Z"
    When I GET "/entities/natural-persons/6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e02"
    Then the response field "naturalPersonStatus" is "ACTIVE"
    And the response field "modifiedOn" is "2030-01-01T09:01:00.000Z"
    When I GET "/entities/natural-persons?naturalPersonStatus=ACTIVE"
    Then the "naturalPersonId" of the items in "data" are "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e02, 6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01"

  Scenario: The legal entity of an onboarded customer moves with it too
    Given the sandbox clock is frozen at "2030-01-01T09:00:00Z"
    When I POST "/roles/onboardings" with body:
      """
      {"roleType": "CUSTOMER", "roleId": "9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b02"}
      """
    Then the response status is 200
    When I GET "/entities/legal-entities/7c1f3a0d-2e5b-4d9f-8b68-3a2c4d5e6f01"
    Then the response field "legalEntityStatus" is "PENDING"
    When I GET "/entities/legal-entities?legalEntityStatus=PENDING"
    Then the "legalEntityId" of the items in "data" are "7c1f3a0d-2e5b-4d9f-8b68-3a2c4d5e6f01"
    When the sandbox clock advances 60 seconds
    And I GET "/entities/legal-entities/7c1f3a0d-2e5b-4d9f-8b68-3a2c4d5e6f01"
    Then the response field "legalEntityStatus" is "ACTIVE"
    And the response field "modifiedOn" is "2030-01-01T09:01:00.000Z"

  Scenario: Onboarding on the running clock, 60 seconds ahead, then back to real time: still ACTIVE
    When I POST "/roles/onboardings" with body:
      """
      {"roleType": "CUSTOMER", "roleId": "{erika_customer}"}
      """
    And I save the response field "onboardingId" as "onboarding"
    And the sandbox clock advances 60 seconds
    And I GET "/roles/customers/{erika_customer}"
    Then the response field "customerStatus" is "ACTIVE"
    And I save the response field "approvedOn" as "approved"
    When I DELETE "/_sandbox/clock"
    Then the response status is 200
    When I GET "/roles/customers/{erika_customer}"
    Then the response field "customerStatus" is "ACTIVE"
    And the response field "approvedOn" is "{approved}"
    When I GET "/roles/customers?customerStatus=ACTIVE"
    Then the "customerId" of the items in "data" are "{erika_customer}, 9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01"
    When I GET "/roles/onboardings/{onboarding}"
    Then the response field "status" is "APPROVED"
    When I GET "/entities/natural-persons/6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e02"
    Then the response field "naturalPersonStatus" is "ACTIVE"
    When I GET "/_sandbox/state"
    Then the YAML list "tradevest.partners.sandbox.customers" has an item whose "customerId" is "{erika_customer}" and whose "customerStatus" is "ACTIVE"
    And the YAML list "tradevest.partners.sandbox.customers" has an item whose "customerId" is "{erika_customer}" and whose "approvedOn" is "{approved}"
    And the YAML list "tradevest.partners.sandbox.onboardings" has an item whose "onboardingId" is "{onboarding}" and whose "status" is "APPROVED"
    And the YAML list "tradevest.partners.sandbox.natural_persons" has an item whose "naturalPersonId" is "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e02" and whose "naturalPersonStatus" is "ACTIVE"

  Scenario: Freezing the clock before the onboarding started undoes nothing
    Given the sandbox clock is frozen at "2030-01-01T09:00:00Z"
    And I POST "/roles/onboardings" with body:
      """
      {"roleType": "CUSTOMER", "roleId": "{erika_customer}"}
      """
    And I save the response field "onboardingId" as "onboarding"
    And the sandbox clock advances 90 seconds
    When the sandbox clock is frozen at "2029-06-01T00:00:00Z"
    And I GET "/roles/customers/{erika_customer}"
    Then the response field "customerStatus" is "ACTIVE"
    And the response field "approvedOn" is "2030-01-01T09:01:00.000Z"
    When I GET "/roles/onboardings/{onboarding}"
    Then the response field "status" is "APPROVED"
    And the response field "modifiedOn" is "2030-01-01T09:01:00.000Z"
    When I GET "/entities/natural-persons/6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e02"
    Then the response field "naturalPersonStatus" is "ACTIVE"
    And the response field "modifiedOn" is "2030-01-01T09:01:00.000Z"

  Scenario: A clock moved back before a transition was due leaves it to come
    Given the sandbox clock is frozen at "2030-01-01T09:00:00Z"
    And I POST "/roles/onboardings" with body:
      """
      {"roleType": "CUSTOMER", "roleId": "{erika_customer}"}
      """
    And the sandbox clock advances 30 seconds
    When the sandbox clock is frozen at "2030-01-01T08:00:00Z"
    And I GET "/roles/customers/{erika_customer}"
    Then the response field "customerStatus" is "PENDING"
    When the sandbox clock is frozen at "2030-01-01T09:01:00Z"
    And I GET "/roles/customers/{erika_customer}"
    Then the response field "customerStatus" is "ACTIVE"
    And the response field "approvedOn" is "2030-01-01T09:01:00.000Z"

  Scenario: The state export shows a transition that fell due without any request or clock change
    Given the fixture:
      """
      tradevest:
        partners:
          due-partner:
            clients:
              - {client_id: due-client, client_secret: due-secret}
            natural_persons:
              - {naturalPersonId: 0d2b7c6e-5f1a-4a8b-9c3d-2e1f0a9b8c71, firstName: Dora, lastName: Due, birthDay: "1980-02-03",
                 birthPlace: Graz, birthCountry: AT, nationalities: [{countryCode: AT}],
                 mainAddress: {street: Herrengasse, streetNumber: "1", city: Graz, zip: "8010", country: AT}}
            customers:
              - {customerId: 0d2b7c6e-5f1a-4a8b-9c3d-2e1f0a9b8c72, entityId: 0d2b7c6e-5f1a-4a8b-9c3d-2e1f0a9b8c71,
                 entityType: NATURAL_PERSON, customerStatus: PENDING, createdOn: "2020-01-01T00:00:00Z",
                 activeOn: "2020-01-01T00:01:00Z"}
      """
    When I GET "/_sandbox/state"
    Then the YAML list "tradevest.partners.due-partner.customers" has an item whose "customerId" is "0d2b7c6e-5f1a-4a8b-9c3d-2e1f0a9b8c72" and whose "customerStatus" is "ACTIVE"
    And the YAML list "tradevest.partners.due-partner.customers" has an item whose "customerId" is "0d2b7c6e-5f1a-4a8b-9c3d-2e1f0a9b8c72" and whose "approvedOn" is "2020-01-01T00:01:00.000Z"
    Given I am authenticated with Tradevest as "due-client" with secret "due-secret"
    When I GET "/roles/customers/0d2b7c6e-5f1a-4a8b-9c3d-2e1f0a9b8c72"
    Then the response field "customerStatus" is "ACTIVE"
    And the response field "approvedOn" is "2020-01-01T00:01:00.000Z"

  Scenario: A fixture customer that is ACTIVE has approvedOn
    Given the fixture:
      """
      tradevest:
        partners:
          sandbox:
            natural_persons:
              - {naturalPersonId: 0d2b7c6e-5f1a-4a8b-9c3d-2e1f0a9b8c81, firstName: Anna, lastName: Approved, birthDay: "1981-02-03",
                 birthPlace: Linz, birthCountry: AT, nationalities: [{countryCode: AT}],
                 mainAddress: {street: Hauptplatz, streetNumber: "1", city: Linz, zip: "4020", country: AT}}
            customers:
              - {customerId: 0d2b7c6e-5f1a-4a8b-9c3d-2e1f0a9b8c82, entityId: 0d2b7c6e-5f1a-4a8b-9c3d-2e1f0a9b8c81,
                 entityType: NATURAL_PERSON, customerStatus: ACTIVE, createdOn: "2024-05-01T10:00:00Z",
                 modifiedOn: "2024-05-02T10:00:00Z"}
      """
    When I GET "/roles/customers/0d2b7c6e-5f1a-4a8b-9c3d-2e1f0a9b8c82"
    Then the response field "customerStatus" is "ACTIVE"
    And the response field "approvedOn" is "2024-05-02T10:00:00.000Z"
    When I GET "/roles/customers/9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01"
    Then the response field "approvedOn" matches "^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$"
